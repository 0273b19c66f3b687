"""pytest settings for the nbval runs of the notebooks in this folder.

Figures exported by a notebook (``lrnn_utils.plotting.savefig``) go to a
temporary folder during tests, so running the suite never rewrites the
committed ``figures/``; executing a notebook by hand (or with nbconvert) in this
folder refreshes ``../figures`` as intended.
"""

import os
import tempfile

os.environ.setdefault("LRNN_FIGURES_DIR", tempfile.mkdtemp(prefix="lrnn-figures-"))
