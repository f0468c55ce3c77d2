// Each collection runs a whole local stack and measures latencies and counts on 2 cores: one at a time keeps the figures honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
