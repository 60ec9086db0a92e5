from django import forms

from .models import Agency, Board, Role


class MemberForm(forms.Form):
    board = forms.ModelChoiceField(queryset=Board.objects.none(), empty_label=None)
    username = forms.CharField(
        max_length=150,
        help_text="If the person already has an account, only the role is added",
    )
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    # The column's length (254): Django's form field allows 320, which PostgreSQL refuses.
    email = forms.EmailField(required=False, max_length=254)
    job_title = forms.CharField(max_length=150, required=False)
    role = forms.ChoiceField(
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the person's role"},
    )
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        required=False,
        help_text="Needed for agency authors: they see only their agency's material",
    )
    password = forms.CharField(
        label="First password",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="For a new account: at least 12 characters. They set up two-factor "
        "sign in the first time they sign in.",
    )

    def __init__(self, *args, boards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = boards
        self.fields["agency"].queryset = Agency.objects.filter(board__in=boards)
        if len(boards) == 1:
            self.fields["board"].widget = forms.HiddenInput()
            self.fields["board"].initial = boards[0].pk

    def clean(self):
        data = super().clean()
        agency, board = data.get("agency"), data.get("board")
        if data.get("role") == Role.AGENCY_AUTHOR and not agency:
            self.add_error("agency", "Select the agency this author writes for")
        if agency and board and agency.board_id != board.pk:
            self.add_error("agency", "Select an agency of this board")
        return data

    def details(self) -> dict:
        d = self.cleaned_data
        return {k: d.get(k, "") for k in ("first_name", "last_name", "email", "job_title")}
