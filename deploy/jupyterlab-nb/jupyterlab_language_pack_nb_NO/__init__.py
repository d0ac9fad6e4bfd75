"""JupyterLab på norsk bokmål (nb_NO) for kurset; the catalogues are in locale/nb_NO/LC_MESSAGES."""

__version__ = "4.6.6.post1"
