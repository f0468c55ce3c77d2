using Amazon.Runtime;

namespace Amazon.ApiGatewayManagementApi;

/// <summary>The base of every management API request; in AWSSDK.ApiGatewayManagementApi it lives in the service's namespace, not in Model.</summary>
public class AmazonApiGatewayManagementApiRequest : AmazonWebServiceRequest;
