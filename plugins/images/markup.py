"""Rewrite article HTML: <img> → <picture> (WebP + JPEG, width/height/alt,
lazy except the first when asked), local image links → published URLs, and
for photo stories (Type: anh) standalone images → a captioned gallery."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from bs4 import BeautifulSoup, NavigableString, Tag

from .model import Picture

LINK_ATTRS = ("href", "src", "poster")


@dataclass
class Rewritten:
    html: str
    pictures: list[Picture] = field(default_factory=list)
    changed: bool = False


def img_attrs(pic: Picture, *, eager: bool, css_class: str | None = None) -> dict:
    attrs = {"src": pic.src, "srcset": pic.srcset, "sizes": pic.sizes,
             "width": str(pic.width), "height": str(pic.height), "alt": pic.alt}
    if eager:
        attrs.update({"loading": "eager", "fetchpriority": "high", "decoding": "async"})
    else:
        attrs.update({"loading": "lazy", "decoding": "async"})
    if css_class:
        attrs["class"] = css_class
    return attrs


def picture_tag(soup: BeautifulSoup, pic: Picture, *, eager: bool, css_class: str | None = None) -> Tag:
    picture = soup.new_tag("picture")
    if pic.webp_srcset:
        picture.append(soup.new_tag("source", attrs={"type": "image/webp", "srcset": pic.webp_srcset,
                                                     "sizes": pic.sizes}))
    picture.append(soup.new_tag("img", attrs=img_attrs(pic, eager=eager, css_class=css_class)))
    return picture


def _is_blank(node) -> bool:
    return isinstance(node, NavigableString) and not node.strip()


def _image_of(node) -> Tag | None:
    """The <img> if ``node`` is an image, or a link holding only an image."""
    if not isinstance(node, Tag):
        return None
    if node.name == "img":
        return node
    if node.name == "a":
        kids = [k for k in node.children if not _is_blank(k)]
        if len(kids) == 1 and isinstance(kids[0], Tag) and kids[0].name == "img":
            return kids[0]
    return None


def _standalone_images(p: Tag) -> list[Tag] | None:
    """The images of a paragraph that holds nothing but images (and line breaks)."""
    images = []
    for node in p.children:
        if _is_blank(node) or (isinstance(node, Tag) and node.name == "br"):
            continue
        img = _image_of(node)
        if img is None:
            return None
        images.append(img)
    return images or None


def rewrite(html: str, picture_for: Callable[[str, str], Picture | None], link_for: Callable[[str], str | None],
            *, gallery: bool = False, eager_first: bool = False, gallery_sizes: str = "",
            single_sizes: str = "") -> Rewritten:
    """Rewrite one article body.

    ``picture_for(src, alt)`` gives the Picture for an image address (None if
    it is not a processed image); ``link_for(address)`` gives the published
    URL of any local file address (None to leave it alone).
    """
    if not html or ("<img" not in html and "{static}" not in html and "images/" not in html):
        return Rewritten(html)
    soup = BeautifulSoup(html, "html.parser")
    result = Rewritten(html)
    changed = False
    for tag in soup.find_all(True):
        for attr in LINK_ATTRS:
            value = tag.get(attr)
            if tag.name == "img" or not isinstance(value, str):
                continue
            new = link_for(value)
            if new and new != value:
                tag[attr] = new
                changed = True
    eager_img = soup.find("img") if eager_first else None
    for p in soup.find_all("p"):
        images = _standalone_images(p)
        if not images:
            continue
        figures = []
        for img in images:
            pic = picture_for(img.get("src", ""), img.get("alt", ""))
            if pic is None:
                figures = []
                break
            caption = (img.get("title") or "").strip() or (pic.alt if gallery else "")
            figures.append((img, pic.but(caption=caption, sizes=gallery_sizes or pic.sizes) if gallery
                            else pic.but(caption=caption)))
        if not figures or not (gallery or any(pic.caption for _, pic in figures)):
            continue
        replacement = []
        for img, pic in figures:
            eager = img is eager_img
            figure = soup.new_tag("figure", attrs={"class": "gallery-item" if gallery else "content-figure"})
            inner = picture_tag(soup, pic, eager=eager)
            if gallery:
                link = soup.new_tag("a", attrs={"href": pic.largest or pic.full, "class": "gallery-link"})
                link.append(inner)
                inner = link
            figure.append(inner)
            if pic.caption:
                caption = soup.new_tag("figcaption")
                caption.string = pic.caption
                figure.append(caption)
            result.pictures.append(pic)
            replacement.append(figure)
            img.extract()
        for figure in replacement:
            p.insert_before(figure)
        p.decompose()
        changed = True
    for img in soup.find_all("img"):
        if img.find_parent("picture") is not None:
            continue
        pic = picture_for(img.get("src", ""), img.get("alt", ""))
        if pic is None:
            continue
        img.replace_with(picture_tag(soup, pic, eager=img is eager_img))
        result.pictures.append(pic)
        changed = True
    if gallery:
        changed |= _group_gallery(soup, single_sizes)
    if changed:
        result.html = str(soup)
        result.changed = True
    return result


def _group_gallery(soup: BeautifulSoup, single_sizes: str = "") -> bool:
    """Wrap each run of consecutive gallery figures in <div class="gallery">;
    a lone figure is shown full width, so it gets ``single_sizes``."""
    grouped = False
    for figure in soup.find_all("figure", class_="gallery-item"):
        if figure.parent is not None and figure.parent.name == "div" and "gallery" in (figure.parent.get("class") or []):
            continue
        run = [figure]
        node = figure.next_sibling
        while node is not None and (_is_blank(node) or (isinstance(node, Tag) and node.name == "figure"
                                                         and "gallery-item" in (node.get("class") or []))):
            if isinstance(node, Tag):
                run.append(node)
            node = node.next_sibling
        box = soup.new_tag("div", attrs={"class": "gallery"})
        figure.insert_before(box)
        for item in run:
            box.append(item.extract())
        if len(run) == 1 and single_sizes:
            for tag in figure.find_all(["source", "img"]):
                if tag.has_attr("sizes"):
                    tag["sizes"] = single_sizes
        grouped = True
    return grouped
