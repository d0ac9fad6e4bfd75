"""The exercise kinds: one module each (see ``base.Kind``), collected by ``somekurs.exercises.registry``."""
