"""SHA-256 of the bundled format definitions as validated (see format_trusted).

Written by ``python tools/stamp_formats.py``; do not edit by hand."""

VALIDATED = {
    "2019": "842c846ab1ac6bd6cdc4fcac08935395171645b295931a8edc9035954c115bd8",
    "2021": "839c6c043bb2a625a1c33cd81bcbcdb8d648e7d05f0b3df1880fa4507d7ed5f9",
}
