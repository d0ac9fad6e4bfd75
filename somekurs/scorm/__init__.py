"""SCORM packages of the course for a learning platform: ``make scorm`` (``python -m somekurs.scorm``).

One package per module (theme) and one for the whole course, each in SCORM 1.2 and SCORM 2004
(4th edition), in bokmål and nynorsk, built from the same data as the book: the chapter text from
the built HTML book (``_build/html``, the nynorsk edition ``_build/html/nn``), the workbook's
exercises and the course test from ``data/`` (``data/nn`` for nynorsk). A package is one
SCO: ``index.html`` finds the platform's SCORM API, shows the pages in a frame, reports completion,
score and pass/fail, and keeps where the learner is and the test in progress in the platform
(``cmi.suspend_data`` and the location), so the next session resumes there. Nothing is loaded from
another host. See :mod:`somekurs.scorm.build`.
"""
