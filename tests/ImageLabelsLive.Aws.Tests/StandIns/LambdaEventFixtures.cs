namespace ImageLabelsLive.Aws.Tests.StandIns;

/// <summary>
/// The project's own event payloads, one of each kind a function consumes, written here in AWS's shapes so a
/// clone without ../shared still tests the event types. Only members the types model appear, so a round trip
/// must reproduce each payload exactly.
/// </summary>
internal static class LambdaEventFixtures
{
    public const string S3ObjectCreated = """
        {
          "Records": [
            {
              "eventVersion": "2.1",
              "eventSource": "aws:s3",
              "awsRegion": "eu-west-1",
              "eventTime": "2026-11-21T09:00:00.123Z",
              "eventName": "ObjectCreated:Put",
              "userIdentity": { "principalId": "AWS:AROAEXAMPLE:upload" },
              "requestParameters": { "sourceIPAddress": "203.0.113.7" },
              "responseElements": { "x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S" },
              "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": "uploads",
                "bucket": { "name": "image-labels-uploads", "ownerIdentity": { "principalId": "A3NL1KOZZKExample" }, "arn": "arn:aws:s3:::image-labels-uploads" },
                "object": {
                  "key": "uploads/Q1mHs_x-9aZ3kLpqR7tWvA/0c6f7b8e-2f1d-4c3a-9b8e-7d6c5b4a3f21",
                  "size": 48213,
                  "eTag": "d41d8cd98f00b204e9800998ecf8427e",
                  "versionId": "3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY",
                  "sequencer": "0055AED6DCD90281E5"
                }
              }
            }
          ]
        }
        """;

    public const string DynamoDbStreamModify = """
        {
          "Records": [
            {
              "eventID": "c81e728d9d4c2f636f067f89cc14862c",
              "eventName": "MODIFY",
              "eventVersion": "1.1",
              "eventSource": "aws:dynamodb",
              "awsRegion": "eu-west-1",
              "dynamodb": {
                "ApproximateCreationDateTime": 1763715600,
                "Keys": { "imageId": { "S": "0c6f7b8e" } },
                "NewImage": {
                  "imageId": { "S": "0c6f7b8e" },
                  "status": { "S": "labeled" },
                  "size": { "N": "48213" },
                  "thumbnail": { "B": "iVBORw0KGgo=" },
                  "tags": { "SS": ["a", "b"] },
                  "scores": { "NS": ["1", "2.5"] },
                  "blobs": { "BS": ["AAEqQQ==", "QSoBAA=="] },
                  "error": { "NULL": true },
                  "seen": { "BOOL": false },
                  "labels": { "L": [ { "M": { "name": { "S": "Cat" }, "confidence": { "N": "98.5" }, "parents": { "L": [ { "S": "Pet" } ] } } } ] }
                },
                "OldImage": { "imageId": { "S": "0c6f7b8e" }, "status": { "S": "processing" } },
                "SequenceNumber": "4421584500000000017450439092",
                "SizeBytes": 321,
                "StreamViewType": "NEW_AND_OLD_IMAGES"
              },
              "eventSourceARN": "arn:aws:dynamodb:eu-west-1:123456789012:table/Images/stream/2026-11-21T00:00:00.000"
            },
            {
              "eventID": "eccbc87e4b5ce2fe28308fd9f2a7baf3",
              "eventName": "REMOVE",
              "eventVersion": "1.1",
              "eventSource": "aws:dynamodb",
              "awsRegion": "eu-west-1",
              "userIdentity": { "type": "Service", "principalId": "dynamodb.amazonaws.com" },
              "dynamodb": {
                "ApproximateCreationDateTime": 1763715601.5,
                "Keys": { "imageId": { "S": "1d7a" } },
                "OldImage": { "imageId": { "S": "1d7a" } },
                "SequenceNumber": "4421584500000000017450439093",
                "SizeBytes": 38,
                "StreamViewType": "NEW_AND_OLD_IMAGES"
              },
              "eventSourceARN": "arn:aws:dynamodb:eu-west-1:123456789012:table/Images/stream/2026-11-21T00:00:00.000"
            }
          ]
        }
        """;

    public const string HttpApiPostUploads = """
        {
          "version": "2.0",
          "routeKey": "POST /uploads",
          "rawPath": "/uploads",
          "rawQueryString": "trace=1",
          "cookies": ["theme=dark"],
          "headers": { "content-type": "application/json", "host": "api.example.com" },
          "queryStringParameters": { "trace": "1" },
          "requestContext": {
            "accountId": "123456789012",
            "apiId": "a1b2c3",
            "domainName": "a1b2c3.execute-api.eu-west-1.amazonaws.com",
            "domainPrefix": "a1b2c3",
            "http": { "method": "POST", "path": "/uploads", "protocol": "HTTP/1.1", "sourceIp": "203.0.113.7", "userAgent": "Mozilla/5.0" },
            "requestId": "JKJaXmPLvHcESHA=",
            "routeKey": "POST /uploads",
            "stage": "$default",
            "time": "21/Nov/2026:09:00:00 +0000",
            "timeEpoch": 1763715600123
          },
          "body": "eyJmZWVkSWQiOiJRMW1Ic194LTlhWjNrTHBxUjd0V3ZBIn0=",
          "pathParameters": { "feedId": "Q1mHs_x-9aZ3kLpqR7tWvA" },
          "isBase64Encoded": true,
          "stageVariables": { "env": "test" }
        }
        """;

    public const string HttpApiResponse = """
        {"statusCode":201,"headers":{"Content-Type":"application/json; charset=utf-8"},"cookies":["a=b"],"body":"{\"imageId\":\"x\"}","isBase64Encoded":false}
        """;

    public const string WebSocketConnect = """
        {
          "headers": { "Host": "ws1234.execute-api.eu-west-1.amazonaws.com", "Sec-WebSocket-Version": "13" },
          "multiValueHeaders": { "Host": ["ws1234.execute-api.eu-west-1.amazonaws.com"], "Sec-WebSocket-Version": ["13"] },
          "queryStringParameters": { "feed": "Q1mHs_x-9aZ3kLpqR7tWvA" },
          "multiValueQueryStringParameters": { "feed": ["Q1mHs_x-9aZ3kLpqR7tWvA"] },
          "requestContext": {
            "routeKey": "$connect",
            "eventType": "CONNECT",
            "extendedRequestId": "BFHPhFe3IAMF95g=",
            "requestTime": "21/Nov/2026:09:00:00 +0000",
            "messageDirection": "IN",
            "stage": "prod",
            "connectedAt": 1763715600000,
            "requestTimeEpoch": 1763715600001,
            "identity": { "sourceIp": "203.0.113.7", "userAgent": "Mozilla/5.0" },
            "requestId": "BFHPhFe3IAMF95g=",
            "domainName": "ws1234.execute-api.eu-west-1.amazonaws.com",
            "connectionId": "BFHPhfCWIAMCKlQ=",
            "apiId": "ws1234"
          },
          "isBase64Encoded": false
        }
        """;

    public const string WebSocketMessage = """
        {
          "requestContext": {
            "routeKey": "$default",
            "messageId": "BFaVtfGSIAMCKug=",
            "eventType": "MESSAGE",
            "extendedRequestId": "BFaVtH2HoAMFZEQ=",
            "requestTime": "21/Nov/2026:09:00:05 +0000",
            "messageDirection": "IN",
            "stage": "prod",
            "connectedAt": 1763715600000,
            "requestTimeEpoch": 1763715605000,
            "identity": { "sourceIp": "203.0.113.7" },
            "requestId": "BFaVtH2HoAMFZEQ=",
            "domainName": "ws1234.execute-api.eu-west-1.amazonaws.com",
            "connectionId": "BFHPhfCWIAMCKlQ=",
            "apiId": "ws1234"
          },
          "body": "{\"action\":\"ping\"}",
          "isBase64Encoded": false
        }
        """;

    public const string WebSocketDisconnect = """
        {
          "headers": { "Host": "ws1234.execute-api.eu-west-1.amazonaws.com" },
          "multiValueHeaders": { "Host": ["ws1234.execute-api.eu-west-1.amazonaws.com"] },
          "requestContext": {
            "routeKey": "$disconnect",
            "eventType": "DISCONNECT",
            "extendedRequestId": "BFbOeE87IAMF31w=",
            "requestTime": "21/Nov/2026:10:00:00 +0000",
            "messageDirection": "IN",
            "stage": "prod",
            "connectedAt": 1763715600000,
            "requestTimeEpoch": 1763719200000,
            "identity": { "sourceIp": "203.0.113.7" },
            "requestId": "BFbOeE87IAMF31w=",
            "domainName": "ws1234.execute-api.eu-west-1.amazonaws.com",
            "connectionId": "BFHPhfCWIAMCKlQ=",
            "apiId": "ws1234"
          },
          "isBase64Encoded": false
        }
        """;

    public const string WebSocketResponse = """
        {"statusCode":200,"headers":{"Sec-WebSocket-Protocol":"json"},"multiValueHeaders":{"X-Many":["1","2"]},"body":"{\"type\":\"pong\"}","isBase64Encoded":false}
        """;

    public const string StreamsResponse = """
        {"batchItemFailures":[{"itemIdentifier":"4421584500000000017450439092"}]}
        """;
}
