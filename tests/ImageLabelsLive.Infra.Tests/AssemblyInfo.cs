// Every CDK call goes to the one jsii node process of the test host; two synthesizing at once gain nothing.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
