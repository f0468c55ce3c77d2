using System.Text.Json.Nodes;

namespace ImageLabelsLive.Infra.Tests;

[Collection(ProductionTemplateGroup.Name)]
public sealed class IamTests(ProductionTemplate stack)
{
    /// <summary>Actions whose only meaningful resource is "*" (no resource-level permissions), each for a reason.</summary>
    private static readonly string[] AllowedOnAnyResource =
    [
        "rekognition:DetectLabels",      // ProcessImage; Rekognition has no resource ARNs for its image analyses
        "rekognition:DetectFaces",
        "rekognition:DetectText",
        "rekognition:DetectModerationLabels",
        "dynamodb:ListStreams",          // the stream event source mappings (CDK's grant)
        "s3:PutBucketNotification",      // CDK's handler that writes the upload bucket's notification
        "cloudfront:CreateInvalidation", // CDK's BucketDeployment invalidating the site after an upload
        "cloudfront:GetInvalidation",
    ];

    /// <summary>The actions each function's role allows (stream reading and dead-letter sends are CDK's grants).</summary>
    public static TheoryData<string, string[]> RoleActions => new()
    {
        { "UploadUrl", ["dynamodb:PutItem", "s3:PutObject", "dynamodb:Query", "dynamodb:BatchGetItem", "s3:GetObject"] },
        { "ListFeedImages", ["dynamodb:Query", "dynamodb:BatchGetItem", "s3:GetObject"] },
        { "GetFeedLabels", ["dynamodb:Query"] },
        { "ExportFeed", ["dynamodb:Query", "s3:PutObject", "s3:GetObject"] },
        { "DeleteImage", ["dynamodb:GetItem", "dynamodb:UpdateItem", "s3:DeleteObject"] },
        {
            "IndexFeed",
            [
                "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                "dynamodb:ListStreams", "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage",
            ]
        },
        { "GetImage", ["dynamodb:GetItem", "s3:GetObject"] },
        { "Connect", ["dynamodb:PutItem"] },
        { "Disconnect", ["dynamodb:DeleteItem"] },
        { "DefaultRoute", ["dynamodb:UpdateItem", "execute-api:ManageConnections"] },
        {
            "ProcessImage",
            [
                "dynamodb:GetItem", "dynamodb:UpdateItem", "s3:GetObject", "sqs:SendMessage",
                "rekognition:DetectLabels", "rekognition:DetectFaces", "rekognition:DetectText", "rekognition:DetectModerationLabels",
            ]
        },
        {
            "PushResults",
            [
                "dynamodb:Query", "dynamodb:DeleteItem", "s3:GetObject", "execute-api:ManageConnections",
                "sns:Publish", "kms:Decrypt", "kms:GenerateDataKey*",
                "dynamodb:ListStreams", "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage",
            ]
        },
        { "PushShard", ["dynamodb:DeleteItem", "execute-api:ManageConnections", "sqs:SendMessage"] },
        {
            "NotifyResults",
            [
                "dynamodb:UpdateItem", "dynamodb:GetItem", "sns:Publish", "kms:Decrypt", "kms:GenerateDataKey*",
                "dynamodb:ListStreams", "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage",
            ]
        },
        { "SweepStaleImages", ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem", "s3:GetObject", "s3:ListBucket", "rekognition:DetectLabels", "rekognition:DetectFaces", "rekognition:DetectText", "rekognition:DetectModerationLabels"] },
        { "SubscribeToFeed", ["dynamodb:UpdateItem", "sns:Subscribe"] },
    };

    [Fact]
    public void IdentityPolicies_Synthesized_NeverAllowAWildcardActionOnAWildcardResource()
    {
        var statements = AllowStatements().ToList();
        statements.Count.ShouldBeGreaterThan(10);

        var offending = statements
            .Where(s => s.Resources.Contains("*"))
            .SelectMany(s => s.Actions.Where(a => a == "*" || a.EndsWith(":*", StringComparison.Ordinal)).Select(a => $"{s.Owner}: {a} on *"))
            .ToList();
        offending.ShouldBeEmpty(Cfn.Describe(offending));
        statements.SelectMany(s => s.Actions).ShouldNotContain("*");
    }

    [Fact]
    public void IdentityPolicies_Synthesized_UseTheWildcardResourceOnlyForActionsWithoutResourceArns()
    {
        var onAnyResource = AllowStatements().Where(s => s.Resources.Contains("*")).SelectMany(s => s.Actions).Distinct().ToList();

        onAnyResource.ShouldNotBeEmpty();
        onAnyResource.Except(AllowedOnAnyResource).ShouldBeEmpty(Cfn.Describe(onAnyResource));
    }

    [Fact]
    public void ManageConnections_Synthesized_PushersPostAndDefaultRouteAlsoClosesOnlyThisApiStagesConnections()
    {
        var (apiId, _) = stack.One("AWS::ApiGatewayV2::Api", "WebSocket");
        string Connections(string method) => $"arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:{Cfn.Ref(apiId)}/live/{method}/@connections/*";

        var grants = AllowStatements().Where(s => s.Actions.Any(a => a.StartsWith("execute-api:", StringComparison.Ordinal))).ToList();

        grants.SelectMany(grant => grant.Roles).Distinct().ShouldBe([Role("PushResults"), Role("PushShard"), Role("DefaultRoute")], ignoreOrder: true);
        grants.ShouldAllBe(grant => grant.Actions.SequenceEqual(new[] { "execute-api:ManageConnections" }));
        ResourcesOf("PushResults", "execute-api:ManageConnections").ShouldBe([Connections("POST")]);
        ResourcesOf("PushShard", "execute-api:ManageConnections").ShouldBe([Connections("POST")]);
        ResourcesOf("DefaultRoute", "execute-api:ManageConnections").ShouldBe([Connections("POST"), Connections("DELETE")], ignoreOrder: true);
    }

    [Fact]
    public void DefaultRoute_Synthesized_UpdatesOnlyTheConnectionsTable()
    {
        ResourcesOf("DefaultRoute", "dynamodb:UpdateItem").ShouldBe([Cfn.GetAtt(stack.One("AWS::DynamoDB::Table", "TablesConnections").Id, "Arn")]);
    }

    [Fact]
    public void PushResults_Synthesized_PublishesOnlyToTheShardTopic()
    {
        var (shardTopicId, _) = stack.One("AWS::SNS::Topic", "PushShards");
        var (keyId, _) = stack.One("AWS::KMS::Key", "Notifications");

        ResourcesOf("PushResults", "sns:Publish").ShouldBe([Cfn.Ref(shardTopicId)]);
        ResourcesOf("PushResults", "kms:GenerateDataKey*").ShouldBe([Cfn.GetAtt(keyId, "Arn")]);
        ResourcesOf("PushShard", "dynamodb:DeleteItem").ShouldBe([Cfn.GetAtt(stack.One("AWS::DynamoDB::Table", "TablesConnections").Id, "Arn")]);
    }

    [Theory]
    [MemberData(nameof(RoleActions))]
    public void FunctionRole_Synthesized_AllowsExactlyTheActionsItsFunctionCalls(string function, string[] actions)
    {
        var role = Role(function);

        AllowStatements().Where(s => s.Roles.Contains(role)).SelectMany(s => s.Actions).Distinct().ShouldBe(actions, ignoreOrder: true);
    }

    [Fact]
    public void DataGrants_Synthesized_AreScopedToTheTableIndexOrPrefixUsed()
    {
        var (imagesId, _) = stack.One("AWS::DynamoDB::Table", "TablesImages");
        var (connectionsId, _) = stack.One("AWS::DynamoDB::Table", "TablesConnections");
        var (bucketId, _) = stack.One("AWS::S3::Bucket", "Uploads");

        ResourcesOf("UploadUrl", "s3:PutObject").ShouldBe([Cfn.GetAtt(bucketId, "Arn") + "/uploads/*"]);
        foreach (var reader in new[] { "ProcessImage", "ListFeedImages", "GetImage", "PushResults", "UploadUrl" })
        {
            ResourcesOf(reader, "s3:GetObject").ShouldBe([Cfn.GetAtt(bucketId, "Arn") + "/uploads/*"], reader);
        }
        var (feedIndexId, _) = stack.One("AWS::DynamoDB::Table", "TablesFeedIndex");
        ResourcesOf("ListFeedImages", "dynamodb:Query").ShouldBe([Cfn.GetAtt(imagesId, "Arn") + "/index/feedId-createdAt-index", Cfn.GetAtt(feedIndexId, "Arn")], ignoreOrder: true);
        ResourcesOf("PushResults", "dynamodb:Query").ShouldBe([Cfn.GetAtt(connectionsId, "Arn") + "/index/feedId-index"]);
        ResourcesOf("PushResults", "dynamodb:DeleteItem").ShouldBe([Cfn.GetAtt(connectionsId, "Arn")]);
        ResourcesOf("ProcessImage", "dynamodb:UpdateItem").ShouldBe([Cfn.GetAtt(imagesId, "Arn")]);
        ResourcesOf("NotifyResults", "dynamodb:UpdateItem").ShouldBe([Cfn.GetAtt(imagesId, "Arn")]);
        ResourcesOf("SweepStaleImages", "dynamodb:Query").ShouldBe([Cfn.GetAtt(imagesId, "Arn") + "/index/unfinished-updatedAt-index"]);
        ResourcesOf("SweepStaleImages", "dynamodb:UpdateItem").ShouldBe([Cfn.GetAtt(imagesId, "Arn")]);
        ResourcesOf("SweepStaleImages", "s3:GetObject").ShouldBe([Cfn.GetAtt(bucketId, "Arn") + "/uploads/*"]);
        ResourcesOf("SweepStaleImages", "s3:ListBucket").ShouldBe([Cfn.GetAtt(bucketId, "Arn")]);
        ResourcesOf("PushResults", "dynamodb:GetRecords").ShouldBe([Cfn.GetAtt(imagesId, "StreamArn")]);
    }

    [Fact]
    public void FeedTools_Synthesized_DeleteExportAndIndexTouchOnlyTheirPrefixOrTable()
    {
        var (imagesId, _) = stack.One("AWS::DynamoDB::Table", "TablesImages");
        var (feedIndexId, _) = stack.One("AWS::DynamoDB::Table", "TablesFeedIndex");
        var (bucketId, _) = stack.One("AWS::S3::Bucket", "Uploads");

        ResourcesOf("DeleteImage", "s3:DeleteObject").ShouldBe([Cfn.GetAtt(bucketId, "Arn") + "/uploads/*"]);
        ResourcesOf("DeleteImage", "dynamodb:UpdateItem").ShouldBe([Cfn.GetAtt(imagesId, "Arn")]);
        ResourcesOf("ExportFeed", "s3:PutObject").ShouldBe([Cfn.GetAtt(bucketId, "Arn") + "/exports/*"]);
        ResourcesOf("ExportFeed", "s3:GetObject").ShouldBe([Cfn.GetAtt(bucketId, "Arn") + "/exports/*"]);
        ResourcesOf("ExportFeed", "dynamodb:Query").ShouldBe([Cfn.GetAtt(imagesId, "Arn") + "/index/feedId-createdAt-index"]);
        ResourcesOf("GetFeedLabels", "dynamodb:Query").ShouldBe([Cfn.GetAtt(feedIndexId, "Arn")]);
        ResourcesOf("IndexFeed", "dynamodb:UpdateItem").ShouldBe([Cfn.GetAtt(feedIndexId, "Arn")]);
        ResourcesOf("IndexFeed", "dynamodb:GetItem").ShouldBe([Cfn.GetAtt(imagesId, "Arn"), Cfn.GetAtt(feedIndexId, "Arn")], ignoreOrder: true);
        ResourcesOf("IndexFeed", "dynamodb:GetRecords").ShouldBe([Cfn.GetAtt(imagesId, "StreamArn")]);
        AllowStatements().Where(s => s.Actions.Contains("s3:DeleteObject")).SelectMany(s => s.Roles).Distinct().ShouldBe([Role("DeleteImage")]);
    }

    [Fact]
    public void NotifyResults_Synthesized_PublishesOnlyToTheTopicWithItsKey()
    {
        var (topicId, _) = stack.One("AWS::SNS::Topic", "Notifications");
        var (keyId, _) = stack.One("AWS::KMS::Key", "Notifications");

        ResourcesOf("NotifyResults", "sns:Publish").ShouldBe([Cfn.Ref(topicId)]);
        ResourcesOf("NotifyResults", "kms:GenerateDataKey*").ShouldBe([Cfn.GetAtt(keyId, "Arn")]);
    }

    [Fact]
    public void SubscribeToFeed_Synthesized_SubscribesOnlyToTheResultsTopicAndCountsOnlyInItsTable()
    {
        var (topicId, _) = stack.One("AWS::SNS::Topic", "Notifications");
        var (requestsId, _) = stack.One("AWS::DynamoDB::Table", "TablesSubscriptionRequests");

        ResourcesOf("SubscribeToFeed", "sns:Subscribe").ShouldBe([Cfn.Ref(topicId)]);
        ResourcesOf("SubscribeToFeed", "dynamodb:UpdateItem").ShouldBe([Cfn.GetAtt(requestsId, "Arn")]);
        AllowStatements().Where(s => s.Actions.Contains("sns:Subscribe")).SelectMany(s => s.Roles).Distinct().ShouldBe([Role("SubscribeToFeed")]);
    }

    private sealed record Statement(string Owner, IReadOnlyList<string> Roles, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources);

    private string Role(string function) => Cfn.Render(stack.Function(function).Properties["Role"]).Replace(".Arn}", "}", StringComparison.Ordinal);

    private List<string> ResourcesOf(string function, string action)
    {
        var role = Role(function);
        return AllowStatements().Where(s => s.Roles.Contains(role) && s.Actions.Contains(action)).SelectMany(s => s.Resources).ToList();
    }

    /// <summary>Every Allow statement of every identity policy: AWS::IAM::Policy, managed policies and roles' inline policies.</summary>
    private IEnumerable<Statement> AllowStatements()
    {
        foreach (var type in new[] { "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" })
        {
            foreach (var (id, properties) in stack.Resources(type))
            {
                var roles = Cfn.RenderList(properties["Roles"]);
                foreach (var statement in Statements(properties["PolicyDocument"]))
                {
                    yield return statement with { Owner = id, Roles = roles };
                }
            }
        }

        foreach (var (id, properties) in stack.Resources("AWS::IAM::Role"))
        {
            foreach (var inline in properties["Policies"]?.AsArray() ?? [])
            {
                foreach (var statement in Statements(inline!["PolicyDocument"]))
                {
                    yield return statement with { Owner = id, Roles = [Cfn.Ref(id)] };
                }
            }
        }
    }

    private static IEnumerable<Statement> Statements(JsonNode? document) =>
        (document?["Statement"]?.AsArray() ?? [])
            .Where(s => Cfn.Render(s!["Effect"]) == "Allow")
            .Select(s => new Statement(string.Empty, [], Cfn.RenderList(s!["Action"]), Cfn.RenderList(s["Resource"])));
}
