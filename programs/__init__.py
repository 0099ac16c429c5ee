"""The bundled program files, installed as the package `hamtimer.programs`."""
