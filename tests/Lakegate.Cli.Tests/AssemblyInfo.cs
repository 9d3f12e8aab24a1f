// The CLI writes to the process-wide Console; tests that capture it must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
