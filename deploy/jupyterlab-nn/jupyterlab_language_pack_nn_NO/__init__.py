"""JupyterLab på nynorsk (nn_NO) for kurset; the catalogues are in locale/nn_NO/LC_MESSAGES."""

__version__ = "4.6.6.post1"
