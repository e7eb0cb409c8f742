"""fhsplan: regional change plans as validated YAML."""

__version__ = "0.1.0"
