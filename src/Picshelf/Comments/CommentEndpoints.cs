using Picshelf.Accounts;
using Picshelf.Api;

namespace Picshelf.Comments;

/// <summary>
/// An account's comments and the replies to them, under <c>/3/account/{username}</c>: anyone may read the comments;
/// deleting one and reading reply notifications are the owner's.
/// </summary>
public static class CommentEndpoints
{
    public static void MapComments(this IEndpointRouteBuilder app)
    {
        var account = app.MapAccountRoutes();
        account.MapGet("/comments", ListAccountComments);
        account.MapGet("/comments/{page:int}", ListAccountComments);
        account.MapGet("/comments/{sort}", ListAccountComments);
        account.MapGet("/comments/{sort}/{page:int}", ListAccountComments);
        account.MapGet("/comments/ids", ListAccountCommentIds);
        account.MapGet("/comments/ids/{page:int}", ListAccountCommentIds);
        account.MapGet("/comments/ids/{sort}", ListAccountCommentIds);
        account.MapGet("/comments/ids/{sort}/{page:int}", ListAccountCommentIds);
        account.MapGet("/comments/count", CountAccountComments);
        account.MapGet("/comment/{commentId:long}", GetAccountComment);
        account.MapDelete("/comment/{commentId:long}", DeleteAccountComment);
        account.MapGet("/notifications/replies", ListReplies);
    }

    public static async Task<ImgurResult<List<CommentModel>>> ListAccountComments(string? sort, Paging paging, NamedAccount named, AccountComments comments,
        CancellationToken cancellationToken) =>
        ImgurResult.Ok(await comments.ListAsync(named.Account, sort, paging, cancellationToken), CommentsJson.Default.ListCommentModel);

    public static async Task<ImgurResult<List<long>>> ListAccountCommentIds(string? sort, Paging paging, NamedAccount named, AccountComments comments,
        CancellationToken cancellationToken) =>
        ImgurResult.Ok(await comments.IdsAsync(named.Account, sort, paging, cancellationToken));

    public static async Task<ImgurResult<int>> CountAccountComments(NamedAccount named, AccountComments comments, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await comments.CountAsync(named.Account, cancellationToken));

    public static async Task<ImgurResult<CommentModel>> GetAccountComment(NamedAccount named, long commentId, AccountComments comments,
        CancellationToken cancellationToken) =>
        ImgurResult.Ok(await comments.FindAsync(named.Account, commentId, cancellationToken), CommentsJson.Default.CommentModel);

    public static async Task<ImgurResult<bool>> DeleteAccountComment(OwnAccount owner, long commentId, AccountComments comments,
        CancellationToken cancellationToken)
    {
        await comments.DeleteAsync(owner.Account, commentId, cancellationToken);
        return ImgurResult.Ok(true);
    }

    /// <summary>Reply notifications; <c>new</c> defaults to true (only those not viewed yet).</summary>
    public static async Task<ImgurResult<List<ReplyNotificationModel>>> ListReplies(OwnAccount owner, HttpRequest request, AccountComments comments,
        CancellationToken cancellationToken)
    {
        var onlyNew = request.Query["new"].ToString().ToLowerInvariant() switch
        {
            "" or "true" or "1" => true,
            "false" or "0" => false,
            _ => throw ApiException.BadRequest("new must be true or false"),
        };
        return ImgurResult.Ok(await comments.RepliesAsync(owner.Account, onlyNew, cancellationToken), CommentsJson.Default.ListReplyNotificationModel);
    }
}
