"""fhsplan: regional change plans as validated YAML."""

__version__ = "0.1.0"
# Where the rule catalogue is published: help links in SARIF and the job summary point into it.
# A plan repository can point them elsewhere with `rules_url` in fhsplan.toml (docs/ci.md).
RULES_URL = "https://github.com/OWNER/fhsplan/blob/main/docs/rules.md"
