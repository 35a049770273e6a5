"""Stop words for keyword extraction in French, English and German (no heavy imports)."""

from __future__ import annotations

from functools import lru_cache

FRENCH = """
a à afin ai aie aient aies ait alors as au aucun aucune aujourd auprès aura aurai auraient
aurais aurait auras aurez auriez aurions aurons auront aussi autre autres aux avaient avais
avait avant avec avez aviez avions avoir avons ayant ayez ayons bah bien bon c ça car ce ceci
cela celle celles celui cependant certain certaine certaines certains ces cet cette ceux chacun
chaque chez ci comme comment d dans de depuis des deux devrait doit donc dont du elle elles en
encore entre es est et étaient étais était étant été êtes étiez étions être eu eue eues eûmes
eurent eus eut faire fait faut fois font hors ici il ils j je jusqu l la là le les leur leurs
lui m ma mais me même mêmes mes moi moins mon n ne ni nos notre nous on ont ou où par parce
pas peu peut peuvent plus pour pourquoi qu quand que quel quelle quelles quels qui quoi s sa
sans se sera serai seraient serais serait seras serez seriez serions serons seront ses si
sien soi soient sois soit sommes son sont sous souvent suis sur t ta tandis te tes toi ton
tous tout toute toutes très trop tu un une unes uns vers via voici voilà vos votre vous y
"""

GERMAN = """
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
auch auf aus bei bin bis bist da damit dann das dass dem den denn der des dessen die dies diese
diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines einige er es
etwas euch euer für gegen gibt hab habe haben hat hatte hier hin hinter ich ihm ihn ihnen ihr
ihre im in indem ins ist jede jedem jeden jeder jedes jetzt kann kein keine keinen können
könnte man manche mehr mein meine mit muss müssen nach nicht nichts noch nun nur ob oder ohne
sehr sein seine sich sie sind so soll sollen sollte sondern sonst über um und uns unser unter
viel vom von vor wann war waren was weil welche welchem welchen welcher wenn wer werden wie
wieder will wir wird wo wollen worden würde würden zu zum zur zwar zwischen
"""

EXTRA = """
think people need needs like just really would should could also will can must one make get
going dont don doesn isn won want way lot yes thing things much many well even still
"""


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """French, German and English stop words, folded."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = set(ENGLISH_STOP_WORDS) | set((FRENCH + GERMAN + EXTRA).split())
    return frozenset(w.casefold() for w in words)
