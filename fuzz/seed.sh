#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the bundled articles and config files (small pieces, so
# the fuzzers stay fast). The corpora are not committed; run this once before `cargo fuzz run`.
set -euo pipefail
cd "$(dirname "$0")"
repo=..
corpus=corpus
mkdir -p "$corpus"/{article,sanitize,catalogue,keymap,linker}

# article and sanitize: each bundled article, and its front matter with each 2 KB piece of
# the body.
for f in "$repo"/articles/*.md "$repo"/tests/fixtures/*.md; do
    name=$(basename "$f" .md)
    cp "$f" "$corpus/article/$name"
    front=$(awk 'NR==1 || !done {print} NR>1 && /^\+\+\+/ {done=1}' "$f")
    body=$(awk 'done {print} NR>1 && /^\+\+\+/ {done=1}' "$f")
    i=0
    while IFS= read -r -d '' piece; do
        printf '%s\n%s' "$front" "$piece" > "$corpus/article/$name-$i"
        printf '%s' "$piece" > "$corpus/sanitize/$name-$i"
        i=$((i + 1))
    done < <(printf '%s' "$body" | split -b 2048 --filter='cat; printf "\0"')
done
printf 'a\033[2Jb\033]0;title\007c\033]52;c;aGk=\033\\d\302\23331me\342\200\256f\t\r\n' \
    > "$corpus/sanitize/escapes"
printf '+++\ntitle = "x\\u001b[2J"\ndate = "2024-02-29"\nsource = "s"\nlanguage = "de"\nlead = "l"\nauthor = "a"\n+++\n\n## H\n\n> > q\n> r\n\n! c\n\n[1]: ref\n  more\n\np[1]\n' \
    > "$corpus/article/all-kinds"

# catalogue: the ignore list and every ten entities on their own.
awk -v dir="$corpus/catalogue" '
    /^\[\[entity\]\]/ { n++; if (n % 10 == 1) { file = dir "/entities-" n } }
    { if (file) print > file; else print > (dir "/head") }
' "$repo/config/entities.toml"

# keymap: the default keymap, and a small overlay.
cp "$repo/config/keys.toml" "$corpus/keymap/default"
printf '[global]\nx = "quit"\n"ctrl-shift-tab" = "none"\n[reader]\n"g g" = "top"\n"alt-F5" = "bottom"\n' \
    > "$corpus/keymap/overlay"

# linker: paragraphs against the bundled catalogue (mode byte 0), and a small catalogue with
# shared, prefixed and ignored forms (mode byte 1).
i=0
for f in "$repo"/articles/*.md; do
    while IFS= read -r -d '' piece; do
        { printf '\0'; printf '%s' "$piece"; } > "$corpus/linker/bundled-$i"
        i=$((i + 1))
    done < <(split -b 1024 --filter='cat; printf "\0"' "$f")
done
printf '\001%s' $'0Kim Jong-un\n0Kim\n1Kim Jong-il\n1Kim\n2USA\n2US\n!US-Dollar\n3Alexander II.\n\nKim Jong-il und Kim Jong-uns Vater Kim. US-Dollar, US-Sanktionen, USAs. Alexander II. kam.' \
    > "$corpus/linker/small"
echo "seeded: $(for t in article sanitize catalogue keymap linker; do printf '%s=%s ' "$t" "$(ls "$corpus/$t" | wc -l)"; done)"
