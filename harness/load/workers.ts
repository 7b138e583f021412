// worker threads: see below
