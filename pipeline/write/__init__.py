"""Writing: an analysis -> the report's words, charts, section HTML, the nbconvert exporters (HTML, PDF),
Word, the workbooks and the index page. Imports the core and the model; never the readers."""
