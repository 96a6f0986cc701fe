namespace Picshelf.Api;

/// <summary>
/// New item ids: <see cref="IdGenerator.NewId"/> again until no kind of item has it. Each feature whose items share
/// the id space registers its <see cref="IItemIdOwner"/>.
/// </summary>
public sealed class ItemIds(IEnumerable<IItemIdOwner> owners)
{
    public async Task<string> NewAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var id = IdGenerator.NewId();
            var taken = false;
            foreach (var owner in owners)
            {
                if (await owner.OwnsAsync(id, cancellationToken))
                {
                    taken = true;
                    break;
                }
            }
            if (!taken)
            {
                return id;
            }
        }
    }
}
