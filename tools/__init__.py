"""Course tooling of the repository (not part of the ``lrnn_utils`` package students import).

Run from the repository root:

- ``python -m tools.lab``: open the notebooks in JupyterLab on untracked working copies;
- ``python -m tools.coursework {student,check,dist}``: student version, pattern check,
  distribution zip.
"""
