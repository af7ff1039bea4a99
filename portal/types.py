"""Article types (``Type:``): the ids editors write and their labels, in display order."""

TYPES = {
    "tin": "Tin",
    "bai": "Bài viết",
    "phong-su": "Phóng sự",
    "anh": "Ảnh",
    "video": "Video",
    "infographic": "Infographic",
}
DEFAULT_TYPE = "tin"
