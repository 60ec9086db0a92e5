"""The synthetic data generator (`casereview seed`): clearly fictional boards, people,
notifications and reviews for the demonstration, the tests and the benchmarks. It writes
through the other apps' services and so sits on top of them all; no other app imports it.
`generator` has the entry points; each other module is named for what it generates."""
