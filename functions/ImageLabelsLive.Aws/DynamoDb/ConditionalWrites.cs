using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace ImageLabelsLive.Aws.DynamoDb;

/// <summary>
/// Writes whose condition may not hold. DynamoDB then throws ConditionalCheckFailedException, which for these
/// callers is an answer (already claimed, already marked, no such item), not an error; every other failure throws.
/// </summary>
public static class ConditionalWrites
{
    /// <summary>The update's answer when its condition held; null when it did not.</summary>
    public static async Task<UpdateItemResponse?> UpdateItemIfAsync(this IAmazonDynamoDB dynamoDb, UpdateItemRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dynamoDb);
        try
        {
            return await dynamoDb.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    /// <summary>Whether the update's condition held, and so whether it was written.</summary>
    public static async Task<bool> TryUpdateItemAsync(this IAmazonDynamoDB dynamoDb, UpdateItemRequest request, CancellationToken cancellationToken) =>
        await dynamoDb.UpdateItemIfAsync(request, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Whether the delete's condition held, and so whether the item was deleted.</summary>
    public static async Task<bool> TryDeleteItemAsync(this IAmazonDynamoDB dynamoDb, DeleteItemRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dynamoDb);
        try
        {
            await dynamoDb.DeleteItemAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
