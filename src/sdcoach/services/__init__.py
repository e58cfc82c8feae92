"""Use cases shared by the command line and the web: content in, engine, plain results out."""
