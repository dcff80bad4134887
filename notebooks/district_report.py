# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] tags=["remove_cell"]
# # District report: Chỉ số CCHC
#
# Press **Run All** to see the report of the district and year in the next cell.
# `python -m pipeline build` runs this notebook with papermill for every district and year,
# replacing the values below. Every number comes from the `pipeline` package; to change
# what the report says, change the package (and its tests), not this notebook.
# Cells tagged `remove_cell` (like this one) stay out of the rendered report.

# %% tags=["parameters"]
district = "Phong Thổ"
year = 2023
raw_dir = "../data/raw"
processed_dir = "../data/processed"
weakest_n = 3
# `python -m pipeline build` sets `analysis` to the analysis it prepared; empty: prepared here from raw_dir.
analysis = ""

# %%
from pipeline import report

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
