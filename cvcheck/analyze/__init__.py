"""Document + Lexicon → Analysis. ``cvcheck.analyze.engine.analyze`` runs it all; the modules
here stay importable on their own so that reading a resume pays for nothing it does not use."""
