using System.Globalization;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Gallery;

namespace Picshelf.Comments;

/// <summary>
/// The Comment routes (<c>/3/comment</c>), the comment routes of a gallery post (<c>/3/gallery/{id}/comment…</c>), the
/// notifications (<c>/3/notification</c>), and an account's comments and reply notifications under
/// <c>/3/account/{username}</c>. Anyone reads comments; writing, voting, reporting and notifications need an account.
/// </summary>
public static class CommentEndpoints
{
    public static void MapComments(this IEndpointRouteBuilder app)
    {
        var comment = app.MapGroup("/3/comment");
        comment.MapPost("", Create);
        comment.MapGet("/{commentId:long}", Get).AnswersWithoutCredentials();
        comment.MapPost("/{commentId:long}", Reply);
        comment.MapDelete("/{commentId:long}", Delete);
        comment.MapGet("/{commentId:long}/replies", GetWithReplies).AnswersWithoutCredentials();
        comment.MapPost("/{commentId:long}/vote/{vote}", Vote);
        comment.MapPost("/{commentId:long}/report", Report);

        var post = app.MapGroup("/3/gallery/{postId}");
        post.MapGet("/comments", ListPostComments).AnswersWithoutCredentials();
        post.MapGet("/comments/ids", ListPostCommentIds).AnswersWithoutCredentials();
        post.MapGet("/comments/count", CountPostComments).AnswersWithoutCredentials();
        post.MapGet("/comments/{sort}", ListPostComments).AnswersWithoutCredentials();
        post.MapGet("/comment/{commentId:long}", GetPostComment).AnswersWithoutCredentials();
        post.MapPost("/comment", CreateOnPost);

        app.MapGet("/3/notification", ListNotifications);
        app.MapPost("/3/notification", MarkNotificationsViewed);
        app.MapGet("/3/notification/{notificationId:long}", GetNotification);
        app.MapPost("/3/notification/{notificationId:long}", MarkNotificationViewed);

        var account = app.MapAccountRoutes();
        account.MapGet("/comments", ListAccountComments).AnswersWithoutCredentials();
        account.MapGet("/comments/" + Paging.RouteSegment, ListAccountComments).AnswersWithoutCredentials();
        account.MapGet("/comments/{sort}", ListAccountComments).AnswersWithoutCredentials();
        account.MapGet("/comments/{sort}/" + Paging.RouteSegment, ListAccountComments).AnswersWithoutCredentials();
        account.MapGet("/comments/ids", ListAccountCommentIds).AnswersWithoutCredentials();
        account.MapGet("/comments/ids/" + Paging.RouteSegment, ListAccountCommentIds).AnswersWithoutCredentials();
        account.MapGet("/comments/ids/{sort}", ListAccountCommentIds).AnswersWithoutCredentials();
        account.MapGet("/comments/ids/{sort}/" + Paging.RouteSegment, ListAccountCommentIds).AnswersWithoutCredentials();
        account.MapGet("/comments/count", CountAccountComments).AnswersWithoutCredentials();
        account.MapGet("/comment/{commentId:long}", GetAccountComment).AnswersWithoutCredentials();
        account.MapDelete("/comment/{commentId:long}", DeleteAccountComment);
        account.MapGet("/notifications", ListAccountNotifications);
        account.MapGet("/notifications/replies", ListReplies);
    }

    /// <summary><c>image_id</c>, <c>comment</c> and, for a reply, <c>parent_id</c>; answers the new comment's id.</summary>
    public static async Task<ImgurResult<CreatedComment>> Create(HttpRequest request, Caller caller, CommentPosting posting, CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(request, cancellationToken);
        return Created(await posting.CreateAsync(caller, fields.GetValueOrDefault("image_id"), fields.GetValueOrDefault("comment"),
            CommentPosting.ParentId(fields.GetValueOrDefault("parent_id")), cancellationToken));
    }

    /// <summary>A reply to the comment; <c>image_id</c> may be left out, and when sent must be the comment's post.</summary>
    public static async Task<ImgurResult<CreatedComment>> Reply(long commentId, HttpRequest request, Caller caller, CommentPosting posting,
        CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(request, cancellationToken);
        return Created(await posting.CreateAsync(caller, fields.GetValueOrDefault("image_id"), fields.GetValueOrDefault("comment"), commentId, cancellationToken));
    }

    public static async Task<ImgurResult<CreatedComment>> CreateOnPost(string postId, HttpRequest request, Caller caller, CommentPosting posting,
        CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(request, cancellationToken);
        return Created(await posting.CreateAsync(caller, postId, fields.GetValueOrDefault("comment"), CommentPosting.ParentId(fields.GetValueOrDefault("parent_id")),
            cancellationToken));
    }

    public static async Task<ImgurResult<CommentModel>> Get(long commentId, Caller caller, CommentThreads threads, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await threads.AloneAsync(caller, commentId, cancellationToken), CommentsJson.Default.CommentModel);

    public static async Task<SerializedImgurResult> GetWithReplies(long commentId, Caller caller, CommentThreads threads,
        CancellationToken cancellationToken) =>
        ImgurResult.Serialized(await threads.WithRepliesAsync(caller, commentId, null, cancellationToken));

    public static async Task<ImgurResult<bool>> Delete(long commentId, Caller caller, CommentPosting posting, CancellationToken cancellationToken)
    {
        await posting.DeleteAsync(GalleryAccess.SignedIn(caller), commentId, cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<bool>> Vote(long commentId, string vote, Caller caller, CommentVoting voting, CancellationToken cancellationToken)
    {
        await voting.VoteAsync(caller, commentId, vote, cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<bool>> Report(long commentId, HttpRequest request, Caller caller, CommentModeration moderation,
        CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(request, cancellationToken);
        await moderation.ReportAsync(caller, commentId, fields.GetValueOrDefault("reason"), cancellationToken);
        return ImgurResult.Ok(true);
    }

    /// <summary>The post's comments as trees, each level sorted <c>best</c> (the default), <c>top</c> or <c>new</c>.</summary>
    public static async Task<SerializedImgurResult> ListPostComments(string postId, string? sort, Caller caller, CommentThreads threads,
        CancellationToken cancellationToken) =>
        ImgurResult.Serialized(await threads.OfPostAsync(caller, postId, CommentOrders.Parse(sort), cancellationToken));

    public static async Task<ImgurResult<List<long>>> ListPostCommentIds(string postId, PostCommentLists lists, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await lists.IdsAsync(postId, cancellationToken));

    public static async Task<ImgurResult<int>> CountPostComments(string postId, PostCommentLists lists, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await lists.CountAsync(postId, cancellationToken));

    public static async Task<SerializedImgurResult> GetPostComment(string postId, long commentId, Caller caller, CommentThreads threads,
        CancellationToken cancellationToken) =>
        ImgurResult.Serialized(await threads.WithRepliesAsync(caller, commentId, postId, cancellationToken));

    /// <summary>The caller's notifications; <c>new</c> defaults to true (only those not viewed yet).</summary>
    public static Task<ImgurResult<NotificationsModel>> ListNotifications(HttpRequest request, Caller caller, Notifications notifications,
        CancellationToken cancellationToken) =>
        NotificationsOf(GalleryAccess.SignedIn(caller), request, caller, notifications, cancellationToken);

    /// <summary>The same list under the owner's account routes (docs/imgur-compatibility.md §10.3: Imgur.API reads it there).</summary>
    public static Task<ImgurResult<NotificationsModel>> ListAccountNotifications(OwnAccount owner, HttpRequest request, Caller caller,
        Notifications notifications, CancellationToken cancellationToken) =>
        NotificationsOf(owner.Account.Id, request, caller, notifications, cancellationToken);

    private static async Task<ImgurResult<NotificationsModel>> NotificationsOf(int accountId, HttpRequest request, Caller caller,
        Notifications notifications, CancellationToken cancellationToken)
    {
        var replies = await notifications.RepliesAsync(caller, accountId, OnlyNew(request), cancellationToken);
        return ImgurResult.Ok(new NotificationsModel(replies, []), CommentsJson.Default.NotificationsModel);
    }

    public static async Task<ImgurResult<ReplyNotificationModel>> GetNotification(long notificationId, Caller caller, Notifications notifications,
        CancellationToken cancellationToken) =>
        ImgurResult.Ok(await notifications.FindAsync(caller, GalleryAccess.SignedIn(caller), notificationId, cancellationToken),
            CommentsJson.Default.ReplyNotificationModel);

    public static async Task<ImgurResult<bool>> MarkNotificationViewed(long notificationId, Caller caller, Notifications notifications,
        CancellationToken cancellationToken)
    {
        await notifications.MarkViewedAsync(GalleryAccess.SignedIn(caller), [notificationId], cancellationToken);
        return ImgurResult.Ok(true);
    }

    /// <summary>Marks the notifications in <c>ids</c> (comma-separated, or repeated <c>ids[]</c>) viewed.</summary>
    public static async Task<ImgurResult<bool>> MarkNotificationsViewed(HttpRequest request, Caller caller, Notifications notifications,
        CancellationToken cancellationToken)
    {
        var accountId = GalleryAccess.SignedIn(caller);
        var fields = await RequestFields.ReadAsync(request, cancellationToken);
        var ids = (fields.GetValueOrDefault("ids") ?? fields.GetValueOrDefault("ids[]") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
                : throw ApiException.BadRequest($"'{id}' is not a notification id"))
            .Distinct().ToList();
        if (ids.Count == 0)
        {
            throw ApiException.BadRequest("Name the notifications to mark viewed in ids");
        }
        await notifications.MarkViewedAsync(accountId, ids, cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<List<CommentModel>>> ListAccountComments(string? sort, Paging paging, NamedAccount named, Caller caller,
        AccountComments comments, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await comments.ListAsync(caller, named.Account, sort, paging, cancellationToken), CommentsJson.Default.ListCommentModel);

    public static async Task<ImgurResult<List<long>>> ListAccountCommentIds(string? sort, Paging paging, NamedAccount named, AccountComments comments,
        CancellationToken cancellationToken) =>
        ImgurResult.Ok(await comments.IdsAsync(named.Account, sort, paging, cancellationToken));

    public static async Task<ImgurResult<int>> CountAccountComments(NamedAccount named, AccountComments comments, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await comments.CountAsync(named.Account, cancellationToken));

    public static async Task<SerializedImgurResult> GetAccountComment(NamedAccount named, long commentId, Caller caller, AccountComments comments,
        CancellationToken cancellationToken) =>
        ImgurResult.Serialized(await comments.FindAsync(caller, named.Account, commentId, cancellationToken));

    public static async Task<ImgurResult<bool>> DeleteAccountComment(OwnAccount owner, long commentId, CommentPosting posting,
        CancellationToken cancellationToken)
    {
        await posting.DeleteAsync(owner.Account.Id, commentId, cancellationToken);
        return ImgurResult.Ok(true);
    }

    /// <summary>Reply notifications; <c>new</c> defaults to true (only those not viewed yet).</summary>
    public static async Task<ImgurResult<List<ReplyNotificationModel>>> ListReplies(OwnAccount owner, HttpRequest request, Caller caller,
        Notifications notifications, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await notifications.RepliesAsync(caller, owner.Account.Id, OnlyNew(request), cancellationToken),
            CommentsJson.Default.ListReplyNotificationModel);

    private static bool OnlyNew(HttpRequest request) => request.Query["new"].ToString().ToLowerInvariant() switch
    {
        "" or "true" or "1" => true,
        "false" or "0" => false,
        _ => throw ApiException.BadRequest("new must be true or false"),
    };

    private static ImgurResult<CreatedComment> Created(long id) => ImgurResult.Ok(new CreatedComment(id), CommentsJson.Default.CreatedComment);
}
