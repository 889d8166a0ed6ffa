"""remote-guide's domain layer: content, plan, storage and search. No Textual imports here."""

__version__ = "0.1.0"
