"""BER-TLV as ISO/IEC 7816-4 uses it: tags of 1 to 3 bytes, definite lengths of 1 to 5 bytes
(short form, then 81 to 84), constructed objects parsed into their children.

Bytes 00 and FF between top-level objects are padding (ISO 7816-4, 5.2.2) and are skipped.
Whatever the bytes, :func:`parse` returns objects or raises :class:`CardError`.
"""

from dataclasses import dataclass

from ..exceptions import CardError

MAX_TAG_BYTES = 3
MAX_LENGTH_BYTES = 4
MAX_DEPTH = 8
PADDING = (0x00, 0xFF)


@dataclass(frozen=True)
class Tlv:
    tag: int
    value: bytes
    children: tuple = ()

    @property
    def constructed(self):
        return is_constructed(self.tag)

    def find(self, tag):
        """The first child of this constructed object with ``tag``, or None."""
        return next((child for child in self.children if child.tag == tag), None)


def tag_bytes(tag):
    """The bytes of ``tag`` (an int such as 0x5F20)."""
    return tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")


def is_constructed(tag):
    return bool(tag_bytes(tag)[0] & 0x20)


def tag_text(tag):
    return tag_bytes(tag).hex().upper()


def _read_tag(data, offset):
    if offset >= len(data):
        raise CardError(
            "TLV_TRUNCATED_TAG",
            "The TLV data ends inside a tag at byte %(offset)s.",
            offset=offset,
        )
    first = data[offset]
    end = offset + 1
    if first & 0x1F == 0x1F:
        while True:
            if end >= len(data):
                raise CardError(
                    "TLV_TRUNCATED_TAG",
                    "The TLV data ends inside a tag at byte %(offset)s.",
                    offset=offset,
                )
            end += 1
            if not data[end - 1] & 0x80:
                break
            if end - offset >= MAX_TAG_BYTES:
                raise CardError(
                    "TLV_BAD_TAG",
                    "The TLV tag at byte %(offset)s is longer than %(maximum)s bytes.",
                    offset=offset,
                    maximum=MAX_TAG_BYTES,
                )
    return int.from_bytes(data[offset:end], "big"), end


def _read_length(data, offset):
    if offset >= len(data):
        raise CardError(
            "TLV_TRUNCATED_LENGTH",
            "The TLV data ends inside a length at byte %(offset)s.",
            offset=offset,
        )
    first = data[offset]
    if first < 0x80:
        return first, offset + 1
    count = first & 0x7F
    if not 1 <= count <= MAX_LENGTH_BYTES:
        raise CardError(
            "TLV_BAD_LENGTH",
            "The TLV length at byte %(offset)s is not a definite length of at most "
            "%(maximum)s bytes.",
            offset=offset,
            maximum=MAX_LENGTH_BYTES,
        )
    end = offset + 1 + count
    if end > len(data):
        raise CardError(
            "TLV_TRUNCATED_LENGTH",
            "The TLV data ends inside a length at byte %(offset)s.",
            offset=offset,
        )
    return int.from_bytes(data[offset + 1 : end], "big"), end


def read_header(data, offset=0):
    """``(tag, length, value offset)`` of the object starting at ``offset``: enough to know
    how many bytes of a file remain to be read."""
    tag, after_tag = _read_tag(data, offset)
    length, value_offset = _read_length(data, after_tag)
    return tag, length, value_offset


def parse(data, depth=0):
    """The tuple of :class:`Tlv` objects in ``data`` (bytes)."""
    data = bytes(data)
    if depth > MAX_DEPTH:
        raise CardError(
            "TLV_TOO_DEEP",
            "The TLV data nests deeper than %(maximum)s levels.",
            maximum=MAX_DEPTH,
        )
    objects, offset = [], 0
    while offset < len(data):
        if data[offset] in PADDING:
            offset += 1
            continue
        tag, length, start = read_header(data, offset)
        end = start + length
        if end > len(data):
            raise CardError(
                "TLV_TRUNCATED_VALUE",
                "The TLV object %(tag)s at byte %(offset)s announces %(length)s bytes; only "
                "%(available)s remain.",
                tag=tag_text(tag),
                offset=offset,
                length=length,
                available=len(data) - start,
            )
        value = data[start:end]
        children = parse(value, depth + 1) if is_constructed(tag) else ()
        objects.append(Tlv(tag, value, children))
        offset = end
    return tuple(objects)


def encode_length(length):
    if length < 0x80:
        return bytes([length])
    body = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def encode(tag, value):
    """The bytes of one object: ``value`` is bytes, or a list of already encoded children."""
    if not isinstance(value, bytes | bytearray):
        value = b"".join(value)
    return tag_bytes(tag) + encode_length(len(value)) + bytes(value)
