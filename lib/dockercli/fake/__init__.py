"""A fake ``docker`` CLI for tests: stdlib only, state in a directory, faults on demand.

The package ``dockercli.fake``. ``fakes/docker`` (or a launcher written by
``python -m dockercli.fake --install DIR``) runs ``cli.py`` as a script under ``-S``; it
puts ``lib/`` on ``sys.path`` and imports this package like any other, so the modules
import each other as ``dockercli.fake.X`` in both uses. Dialects, scripting, faults and
the call log: the README section "The fake docker binary and its fixtures".
"""
