"""A fake ``docker`` CLI for tests: stdlib only, state in a directory, faults on demand.

Not imported as a package at run time: ``fakes/docker`` (or a launcher written by
``python -m dockercli.fake --install DIR``) runs ``cli.py`` as a script. Dialects, scripting,
faults and the call log: the README section "The fake docker binary and its fixtures".
"""
