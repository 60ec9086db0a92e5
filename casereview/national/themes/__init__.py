"""Theme tagging of lessons and reports (issue 16 item 3): phrase rules with evidence spans,
a TF-IDF + logistic regression classifier, and the agreement figures that judge them."""
