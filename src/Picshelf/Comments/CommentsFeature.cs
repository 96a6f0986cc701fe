using Picshelf.Accounts;
using Picshelf.Gallery;

namespace Picshelf.Comments;

public static class CommentsFeature
{
    public static IServiceCollection AddComments(this IServiceCollection services)
    {
        services.AddOptions<CommentOptions>().BindConfiguration(CommentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CommentPosting>();
        services.AddScoped<CommentThreads>();
        services.AddSingleton<CommentTreeCache>();
        services.AddScoped<CommentVoting>();
        services.AddScoped<CommentModeration>();
        services.AddScoped<PostCommentLists>();
        services.AddScoped<Notifications>();
        services.AddScoped<AccountComments>();
        services.AddScoped<IPostComments, PostComments>();
        services.AddScoped<IAccountDeletionStep, CommentsAccountDeletion>();
        services.AddScoped<IAccountRenameListener, CommentsRename>();
        return services;
    }
}
