"""Reading the corpus: files of any supported format to documents of citeable paragraphs."""
from .document import Document, Paragraph, file_hash, is_supported, load_document
from .metadata import DocMeta
from .readers import UnreadableFile

__all__ = ["DocMeta", "Document", "Paragraph", "UnreadableFile", "file_hash", "is_supported", "load_document"]
