"""The synthetic data generator (`casereview seed`): clearly fictional boards, people,
notifications and reviews for the demonstration, the tests and the benchmarks. It writes
through every app's services and so sits on top of them all; nothing imports it but its
command, the tests and the benchmarks."""
