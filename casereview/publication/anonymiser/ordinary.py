"""Names that are also ordinary English words. A register name in this list is taken for a
name only where it is written as one: with a capital letter (or after a title such as
"Ms"), and not as the first word of a place's name ("Brown Street", "Field Lane"). Lower
case "hope", "rose" or "field" is the ordinary word and stays. Any other register name is
replaced in any letter case ("JAYDEN", "jayden")."""

_ORDINARY_WORDS = """
    amber april august autumn baker bell berry bill bird black bloom blossom brand brook
    brooks brown bush butcher carpenter carter chance charity chase cherry clay cliff coral
    cook crystal daisy dale dawn day dean destiny dove drew duke earl eve faith fern field
    fields fisher fletcher ford forest frank frost gay gem glen gold grace grant gray green
    grey hall hart hazel heath heather hill holly honey hope hunt hunter iris ivy jade jasmine
    jay jet joy june king lake lane lark laurel lee lily little long mark marsh mason may
    meadow mercy mill miller moon moss myrtle noble north olive page park parker patience
    pearl penny pepper pine poppy price prince rain ray reed rich rivers robin rock rose
    rosemary ruby rush sage sandy shepherd sky snow sorrel spring star stone storm street
    summer sunny swift taylor temple thorn true turner victory violet wade walker ward warren
    waters west white wilde will willow winter wood woods wren young
    """
ORDINARY_WORDS = frozenset(_ORDINARY_WORDS.split())

# A capitalised word just after an ordinary-word name that makes the pair a place name.
_PLACE_WORDS = """
    street road lane avenue way park close drive court gardens square crescent terrace
    place hill row walk grove mews primary school academy college nursery hospital surgery
    practice centre center clinic house estate farm green end
    """
PLACE_WORDS = frozenset(_PLACE_WORDS.split())
