"""The sample data's generators: districts and provinces, written as their offices write sheets."""
