# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (cchc-report)
#     language: python
#     name: python3
# ---

# %% [markdown] tags=["remove_cell"]
# # District report: Chỉ số CCHC
#
# Press **Run All** to see the report of the district and year in the `parameters` cell below.
# `python -m pipeline build` runs this notebook with papermill for every district and year,
# replacing those values. Every number comes from the `pipeline` package; to change what the
# report says, change the package (and its tests), not this notebook: the next cell turns on
# autoreload, so Run All picks up your edits to `pipeline/` without a kernel restart.
# Save freely: git commits the notebook without its outputs, and outputs do not make reports stale.
# Cells tagged `remove_cell` (like this one and the next) stay out of the rendered report.

# %% tags=["remove_cell"]
from pipeline.notebook import lab

lab.setup()

# %% tags=["parameters"]
district = "Phong Thổ"
year = 2023
raw_dir = "data/raw"
processed_dir = "data/processed"
weakest_n = 3
# `python -m pipeline build` sets `analysis` to the analysis it prepared; empty: prepared here from raw_dir.
analysis = ""

# %%
from pipeline.notebook import report

r = report.load(district, year, raw_dir=raw_dir, processed_dir=processed_dir, weakest_n=weakest_n, analysis=analysis)

# %%
report.title_block(r)

# %%
report.implementation(r)

# %%
report.overview(r)

# %%
report.fields(r)

# %%
report.assessment(r)

# %%
report.closing(r)

# %%
report.appendix(r)

# %%
report.data_notes(r)
