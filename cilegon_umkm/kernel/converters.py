class SheetFormatConverter:
    """`<sheet:fmt>` in a URL: the export and download formats the portal writes."""

    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
