"""Document → Analysis: findings and scores."""
