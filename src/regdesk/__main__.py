from regdesk.cli import entry

entry()
