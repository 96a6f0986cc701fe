namespace Picshelf.Images;

public sealed record GarbageCollectionResult(int BlobsChecked, int ImagesChecked, int OrphansDeleted, int OrphansTooRecent, int ImagesMissingOriginal);
