"""The notebook's side: what the report notebook and JupyterLab call (the report's sections, its
parameters, autoreload, the venv's kernelspec)."""
