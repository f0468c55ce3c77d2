using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace ImageLabelsLive.Infra.Tests;

[Collection(ProductionTemplateGroup.Name)]
public sealed class StorageTests(ProductionTemplate stack)
{
    public static TheoryData<string> Buckets => new() { "Uploads", "Website" };

    [Theory]
    [MemberData(nameof(Buckets))]
    public void Bucket_Synthesized_BlocksEveryKindOfPublicAccess(string bucket)
    {
        var properties = stack.One("AWS::S3::Bucket", bucket).Properties;

        var block = properties["PublicAccessBlockConfiguration"]!.AsObject();
        foreach (var setting in new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" })
        {
            ((bool?)block[setting]).ShouldBe(true, setting);
        }

        Cfn.Render(properties["OwnershipControls"]!["Rules"]![0]!["ObjectOwnership"]).ShouldBe("BucketOwnerEnforced");
        properties.ContainsKey("WebsiteConfiguration").ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Buckets))]
    public void Bucket_Synthesized_EncryptsAtRest(string bucket)
    {
        var properties = stack.One("AWS::S3::Bucket", bucket).Properties;

        Cfn.Render(properties["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"])
            .ShouldBe("AES256");
    }

    [Theory]
    [MemberData(nameof(Buckets))]
    public void BucketPolicy_Synthesized_DeniesEveryRequestWithoutTls(string bucket)
    {
        var (bucketId, _) = stack.One("AWS::S3::Bucket", bucket);
        var policy = stack.Resources("AWS::S3::BucketPolicy").Single(p => Cfn.Render(p.Properties["Bucket"]) == Cfn.Ref(bucketId)).Properties;

        var statements = policy["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var denyPlainHttp = statements.Single(s => s["Condition"]?["Bool"]?["aws:SecureTransport"] is not null);
        Cfn.Render(denyPlainHttp["Effect"]).ShouldBe("Deny");
        Cfn.Render(denyPlainHttp["Action"]).ShouldBe("s3:*");
        Cfn.Render(denyPlainHttp["Principal"]!["AWS"]).ShouldBe("*");
        Cfn.Render(denyPlainHttp["Condition"]!["Bool"]!["aws:SecureTransport"]).ShouldBe("false");
        Cfn.RenderList(denyPlainHttp["Resource"]).ShouldBe([Cfn.GetAtt(bucketId, "Arn"), Cfn.GetAtt(bucketId, "Arn") + "/*"], ignoreOrder: true);

        var denyOldTls = statements.Single(s => s["Condition"]?["NumericLessThan"]?["s3:TlsVersion"] is not null);
        Cfn.Render(denyOldTls["Effect"]).ShouldBe("Deny");
        Cfn.Render(denyOldTls["Condition"]!["NumericLessThan"]!["s3:TlsVersion"]).ShouldBe("1.2");
    }

    [Theory]
    [MemberData(nameof(Buckets))]
    public void Bucket_StackDestroyed_IsEmptiedAndDeleted(string bucket)
    {
        var (bucketId, _) = stack.One("AWS::S3::Bucket", bucket);

        Cfn.Render(stack.Resource(bucketId)["DeletionPolicy"]).ShouldBe("Delete");
        stack.Resources("Custom::S3AutoDeleteObjects").ShouldContain(r => Cfn.Render(r.Properties["BucketName"]) == Cfn.Ref(bucketId));
    }

    [Fact]
    public void UploadBucket_Cors_AllowsOnlyPutFromTheSiteOrigin()
    {
        var (distributionId, _) = stack.One("AWS::CloudFront::Distribution", "Website");
        var rules = stack.One("AWS::S3::Bucket", "Uploads").Properties["CorsConfiguration"]!["CorsRules"]!.AsArray();

        var rule = rules.ShouldHaveSingleItem()!;
        Cfn.RenderList(rule["AllowedMethods"]).ShouldBe(["PUT"]);
        Cfn.RenderList(rule["AllowedOrigins"]).ShouldBe(["https://" + Cfn.GetAtt(distributionId, "DomainName")]);
        Cfn.RenderList(rule["AllowedHeaders"]).ShouldBe(["Content-Type", "x-amz-checksum-sha256"]);
    }

    [Fact]
    public void UploadBucket_Lifecycle_ExpiresUploadsAfterCdkJsonDaysAndExportsAfterADay()
    {
        var rules = stack.One("AWS::S3::Bucket", "Uploads").Properties["LifecycleConfiguration"]!["Rules"]!.AsArray();
        rules.Count.ShouldBe(2);
        var exports = rules.Single(r => Cfn.Render(r!["Prefix"]) == "exports/")!;
        ((int?)exports["ExpirationInDays"]).ShouldBe(1);
        var rule = rules.Single(r => Cfn.Render(r!["Prefix"]) == "uploads/")!;

        Cfn.Render(rule["Prefix"]).ShouldBe("uploads/");
        Cfn.Render(rule["Status"]).ShouldBe("Enabled");
        ((int?)rule["ExpirationInDays"]).ShouldBe(7);
    }

    [Fact]
    public void UploadBucket_ObjectCreated_InvokesProcessImageForUploadsPrefixOnly()
    {
        var (bucketId, _) = stack.One("AWS::S3::Bucket", "Uploads");
        var (processImageId, _) = stack.Function("ProcessImage");
        var notifications = stack.Resources("Custom::S3BucketNotifications").ShouldHaveSingleItem().Properties;

        Cfn.Render(notifications["BucketName"]).ShouldBe(Cfn.Ref(bucketId));
        var configuration = notifications["NotificationConfiguration"]!.AsObject();
        configuration.Select(c => c.Key).ShouldBe(["LambdaFunctionConfigurations"]);
        var target = configuration["LambdaFunctionConfigurations"]!.AsArray().ShouldHaveSingleItem()!;
        Cfn.Render(target["LambdaFunctionArn"]).ShouldBe(Cfn.GetAtt(processImageId, "Arn"));
        Cfn.RenderList(target["Events"]).ShouldBe(["s3:ObjectCreated:*"]);
        var filter = target["Filter"]!["Key"]!["FilterRules"]!.AsArray().ShouldHaveSingleItem()!;
        Cfn.Render(filter["Name"]).ShouldBe("prefix");
        Cfn.Render(filter["Value"]).ShouldBe("uploads/");
    }

    [Fact]
    public void ImagesTable_Synthesized_HasTheLocalHostsKeysIndexAndStream()
    {
        stack.Template.HasResourceProperties("AWS::DynamoDB::Table", new Dictionary<string, object>
        {
            ["KeySchema"] = new object[] { new Dictionary<string, object> { ["AttributeName"] = "imageId", ["KeyType"] = "HASH" } },
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["StreamSpecification"] = new Dictionary<string, object> { ["StreamViewType"] = "NEW_AND_OLD_IMAGES" },
            ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = true },
            ["GlobalSecondaryIndexes"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["IndexName"] = "feedId-createdAt-index",
                    ["KeySchema"] = new object[]
                    {
                        new Dictionary<string, object> { ["AttributeName"] = "feedId", ["KeyType"] = "HASH" },
                        new Dictionary<string, object> { ["AttributeName"] = "createdAt", ["KeyType"] = "RANGE" },
                    },
                    ["Projection"] = new Dictionary<string, object> { ["ProjectionType"] = "ALL" },
                },
                new Dictionary<string, object>
                {
                    ["IndexName"] = "unfinished-updatedAt-index",
                    ["KeySchema"] = new object[]
                    {
                        new Dictionary<string, object> { ["AttributeName"] = "unfinishedStatus", ["KeyType"] = "HASH" },
                        new Dictionary<string, object> { ["AttributeName"] = "updatedAt", ["KeyType"] = "RANGE" },
                    },
                    ["Projection"] = new Dictionary<string, object> { ["ProjectionType"] = "ALL" },
                },
            },
        });
        var images = stack.One("AWS::DynamoDB::Table", "TablesImages").Properties;
        AttributeTypes(images).ShouldBe(new Dictionary<string, string>
        {
            ["imageId"] = "S", ["feedId"] = "S", ["createdAt"] = "S", ["unfinishedStatus"] = "S", ["updatedAt"] = "S",
        });
    }

    [Fact]
    public void SubscriptionRequestsTable_Synthesized_HasTheLocalHostsKeyAndTtl()
    {
        var requests = stack.One("AWS::DynamoDB::Table", "TablesSubscriptionRequests").Properties;

        requests["KeySchema"]!.AsArray().Select(k => Cfn.Render(k!["AttributeName"]) + ":" + Cfn.Render(k!["KeyType"])).ShouldBe(["counterId:HASH"]);
        Cfn.Render(requests["BillingMode"]).ShouldBe("PAY_PER_REQUEST");
        requests["GlobalSecondaryIndexes"].ShouldBeNull();
        Cfn.Render(requests["TimeToLiveSpecification"]!["AttributeName"]).ShouldBe("expiresAt");
        ((bool?)requests["TimeToLiveSpecification"]!["Enabled"]).ShouldBe(true);
        AttributeTypes(requests).ShouldBe(new Dictionary<string, string> { ["counterId"] = "S" });
    }

    [Fact]
    public void ConnectionsTable_Synthesized_HasTheLocalHostsKeysIndexAndTtl()
    {
        var connections = stack.One("AWS::DynamoDB::Table", "TablesConnections").Properties;

        Cfn.Render(connections["KeySchema"]![0]!["AttributeName"]).ShouldBe("connectionId");
        connections["KeySchema"]!.AsArray().Count.ShouldBe(1);
        Cfn.Render(connections["BillingMode"]).ShouldBe("PAY_PER_REQUEST");
        var index = connections["GlobalSecondaryIndexes"]!.AsArray().ShouldHaveSingleItem()!;
        Cfn.Render(index["IndexName"]).ShouldBe("feedId-index");
        index["KeySchema"]!.AsArray().Select(k => Cfn.Render(k!["AttributeName"]) + ":" + Cfn.Render(k!["KeyType"])).ShouldBe(["feedId:HASH", "connectionId:RANGE"]);
        Cfn.Render(index["Projection"]!["ProjectionType"]).ShouldBe("ALL");
        Cfn.Render(connections["TimeToLiveSpecification"]!["AttributeName"]).ShouldBe("expiresAt");
        ((bool?)connections["TimeToLiveSpecification"]!["Enabled"]).ShouldBe(true);
        AttributeTypes(connections).ShouldBe(new Dictionary<string, string> { ["connectionId"] = "S", ["feedId"] = "S" });
    }

    private static Dictionary<string, string> AttributeTypes(JsonObject table) =>
        table["AttributeDefinitions"]!.AsArray().ToDictionary(a => Cfn.Render(a!["AttributeName"]), a => Cfn.Render(a!["AttributeType"]));
}
