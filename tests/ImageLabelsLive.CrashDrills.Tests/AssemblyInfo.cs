// Each drill runs a whole local stack twice on 2 cores: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
