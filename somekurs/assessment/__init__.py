"""Kursprøve and kursbevis: the course test drawn from the item bank, and the completion record.

- :mod:`~somekurs.assessment.bank`: the item bank (``data/test-items/<theme>.yaml``, exercises of the
  judged kinds), the test rules (how many items, the pass marks) and the random draw.
- :mod:`~somekurs.assessment.scoring`: a finished attempt's result, the same in Python and in the
  static book's script (``js/runner.js``).
- :mod:`~somekurs.assessment.record`: the check value of a set of results and the PDF record.
- :mod:`~somekurs.assessment.store`: the participant's finished attempts in JupyterLab.
- :mod:`~somekurs.assessment.widget`: the test in JupyterLab (``somekurs.oppgaver.kursprove``).
- :mod:`~somekurs.assessment.static`: the test as self-contained HTML (the book's page, SCORM).
"""
