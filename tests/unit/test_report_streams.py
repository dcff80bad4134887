"""What a notebook's cells print never reaches the report (issue 22): the exporter leaves out stdout and
stderr, the executed notebook keeps them, and `stream_outputs` lists them for the build's log."""

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from pipeline.write.render import ReportHTMLExporter, stream_outputs

WARNING = (
    "/home/someone/cchc/pipeline/charts.py:178: UserWarning: Glyph 7875 missing from font(s) Liberation Serif.\n"
    '  fig.savefig(buffer, format="svg")\n'
)


def notebook():
    shown = new_output("display_data", data={"text/html": "<p>Điểm bình quân 7,67/10 điểm.</p>"})
    return new_notebook(
        cells=[
            new_markdown_cell("# Báo cáo"),
            new_code_cell(
                "report.overview()",
                outputs=[
                    new_output("stream", name="stderr", text=WARNING),
                    shown,
                    new_output("stream", name="stdout", text="đang vẽ biểu đồ...\n"),
                ],
            ),
        ]
    )


def test_the_report_html_has_the_displayed_results_and_nothing_the_cells_printed():
    nb = notebook()
    html, _ = ReportHTMLExporter().from_notebook_node(nb)
    assert "Điểm bình quân 7,67/10 điểm." in html
    for printed in ("UserWarning", "/home/someone", "đang vẽ biểu đồ", "output_stderr", "output_stream"):
        assert printed not in html, printed
    assert [o.output_type for o in nb.cells[1].outputs] == ["stream", "display_data", "stream"]  # nb untouched


def test_stream_outputs_lists_what_each_cell_printed_by_cell_number():
    assert stream_outputs(notebook()) == [
        {"cell": 2, "stream": "stderr", "text": WARNING},
        {"cell": 2, "stream": "stdout", "text": "đang vẽ biểu đồ...\n"},
    ]
