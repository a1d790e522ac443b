"""A fake ``docker`` CLI for tests: stdlib only, state in a directory, faults on demand.

Not imported as a package at run time: ``fakes/docker`` (or a launcher written by
``python -m dockercli.fake --install DIR``) runs ``cli.py`` as a script. See
fakes/README-fake.md for dialects, scripting, faults and the call log.
"""
