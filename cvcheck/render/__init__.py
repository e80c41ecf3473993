"""Document and analysis → outputs people and tools read (terminal, JSON, HTML...)."""
