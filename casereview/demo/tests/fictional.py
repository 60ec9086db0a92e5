"""What fictional addresses look like."""

import re

FICTIONAL_POSTCODE = re.compile(r"^ZZ99 \d[A-Z]{2}$")
# Anything shaped like a UK postcode, real or not.
POSTCODE_SHAPE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b")


def postcodes_in(text: str) -> list[str]:
    return POSTCODE_SHAPE.findall(text)
