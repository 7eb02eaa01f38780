"""Write benchmarks/heldout/{clean,corrupted}/*.json from articles.py + VARIANTS.

Each variant lists edits to the English side, addressed by the CLEAN article's
unit indices; the gold indices are worked out against the corrupted file's own
body (deletions/insertions shift later units). Run: python build.py
"""
import copy
import json
from pathlib import Path

from articles import ARTICLES

HERE = Path(__file__).resolve().parent

# (op, where, text, type, note): op is "replace" (en unit [p,u] or a field name),
# "delete" (en unit [p,u], an omission) or "insert" (new en unit before clean [p,u]).
VARIANTS = {
 "ho-001-a": [
  ("replace", [3, 0], "The match was watched by 24,812 spectators, the biggest crowd of the season at the stadium in the Minho region.", "number", "28.412 -> 24,812"),
  ("replace", [1, 1], "The equaliser came in the second half, in the 61st minute, through Swedish striker Mads Holm.", "entity", "dinamarquês (Danish) -> Swedish"),
 ],
 "ho-001-b": [
  ("replace", [2, 0], "After the game, the Benfica coach admitted his team had played well in the first half.", "negation", "'não fez uma boa primeira parte' -> 'had played well'"),
  ("insert", [3, 2], "It was Benfica's fifth consecutive away win in the league.", "addition", "added sentence about a run of away wins; not in pt"),
 ],
 "ho-002-a": [
  ("replace", [0, 0], "By 314 votes to 97, Brazil's Chamber of Deputies on Tuesday approved a bill that extends paternity leave for formally employed workers from five to 20 days.", "number", "341 -> 314 votes"),
  ("delete", [1, 1], None, "omission", "unit on the cost split between employers and social security deleted"),
  ("replace", [3, 0], "The opposition tried to postpone the vote, arguing that the bill cuts taxes for small businesses, but the motion was defeated.", "mistranslation", "'aumenta os custos' (raises costs) -> 'cuts taxes'"),
 ],
 "ho-002-b": [
  ("replace", [2, 1], "Rapporteur Carla Menezes, a Socialist congresswoman from Paraíba, said the country lagged behind its neighbours.", "entity", "PSB-PE (Pernambuco) -> Paraíba"),
  ("replace", [3, 1], "Business groups have asked the Senate to add a compensação tributária for micro and small firms.", "untranslated", "'compensação tributária' left in Portuguese"),
  ("replace", "standfirst", "The bill now goes to the Senate; the government puts the cost at R$4.1bn a year", "number", "R$ 1,4 bilhão -> R$4.1bn"),
 ],
 "ho-003-a": [
  ("replace", [0, 1], "The panel of judges found it proven that the former mayor received 18,000 euros from a building contractor between 2015 and 2018.", "number", "180 mil euros -> 18,000 euros"),
  ("replace", [2, 0], "The presiding judge said the court had found evidence that other council employees took part in the scheme.", "negation", "'não encontrou provas' -> 'had found evidence'"),
 ],
 "ho-003-b": [
  ("delete", [1, 1], None, "omission", "unit on the businessman's sentence deleted"),
  ("replace", [2, 1], "The former mayor's defence announced it would appeal to the Lisbon Court of Appeal.", "entity", "Tribunal da Relação de Évora -> Lisbon"),
  ("replace", [3, 1], "The case began in 2019 began in 2019 after an anonymous tip-off.", "artifact", "duplicated fragment 'began in 2019'"),
 ],
 "ho-004-a": [
  ("replace", [0, 1], "Confirmed deaths also fell, from 212 to 78.", "number", "87 -> 78"),
  ("insert", [2, 2], "The city also plans to hire 300 more health workers before the next rainy season.", "addition", "added sentence about hiring health workers; not in pt"),
  ("replace", [2, 0], "In the state capital, the city government counted 21,000&nbsp;cases, less than half the 2024 figure.", "artifact", "leftover HTML entity '&nbsp;'"),
 ],
 "ho-004-b": [
  ("replace", [1, 0], "Health secretary Rodrigo Tavares said vaccination of the elderly and a shorter rainy season explained much of the drop.", "mistranslation", "'adolescentes' (teenagers) -> 'the elderly'"),
  ("replace", [1, 1], "About 50,000 young people aged 10 to 14 in the state have now had both doses of the vaccine.", "number", "meio milhão (500,000) -> 50,000"),
  ("delete", [3, 2], None, "omission", "unit on winter anti-mosquito drives deleted"),
 ],
 "ho-005-a": [
  ("replace", [1, 0], "About a third of the pieces have never been shown to the Portuguese public and come from private collections in the United States.", "entity", "Reino Unido -> United States"),
  ("replace", [2, 1], "The museum expects more than 150,000 visitors before the exhibition closes on 18 September.", "number", "28 de Setembro -> 18 September"),
 ],
 "ho-005-b": [
  ("replace", [2, 0], "Mounting the show cost 1.2 million euros, financiados em parte pelo Ministério da Cultura.", "untranslated", "second half of the sentence left in Portuguese"),
  ("replace", [3, 0], "Tickets cost 15 euros, and entry is not free even on the first Sunday of each month.", "negation", "'a entrada é gratuita' -> 'is not free'"),
  ("replace", [1, 1], "The curator, Helena Frias, explained that the exhibition is arranged chronologically rather than by theme.", "mistranslation", "'por temas e não por ordem cronológica' inverted"),
 ],
 "ho-006-a": [
  ("replace", "standfirst", "The $2.3bn project should cut four hours off the truck journey between Mendoza and Santiago", "number", "seis horas -> four hours"),
  ("replace", [0, 1], "At 27 kilometres long, the tunnel will sit at an altitude of around 2,000 metres, below the Aconcagua pass.", "entity", "passagem de Cristo Redentor -> Aconcagua pass"),
 ],
 "ho-006-b": [
  ("insert", [1, 2], "Trade between the two countries reached a record 9 billion dollars last year.", "addition", "added sentence about bilateral trade; not in pt"),
  ("replace", [3, 0], "Environmental groups on both sides of the border criticised the deal, saying the environmental impact study has already been completed and the project could affect glaciers in the area.", "negation", "'ainda não foi concluído' -> 'has already been completed'"),
  ("replace", [2, 0], "Work is due to start in 2027 and take eight years.</p>", "artifact", "leftover closing tag '</p>'"),
 ],
 "ho-007-a": [
  ("replace", [0, 1], "Revenue reached 6.4 billion euros, driven by routes to Brazil and North America.", "number", "4,6 mil milhões -> 6.4 billion"),
  ("delete", [2, 2], None, "omission", "unit listing the three interested groups deleted"),
 ],
 "ho-007-b": [
  ("replace", [2, 1], "Infrastructure Minister Carlos Pereira said the terms of the sale would be approved by the Council of Ministers by the end of March.", "entity", "Carlos Pimentel -> Carlos Pereira"),
  ("replace", "headline", "TAP posts 210 million euro loss and prepares sale of 44.9% stake", "mistranslation", "'lucro' (profit) -> 'loss'"),
  ("replace", [3, 1], "A administração não quis comentar o valor esperado da operação.", "untranslated", "whole unit left in Portuguese"),
 ],
 "ho-008-a": [
  ("replace", [1, 1], "Fares are the same as on other routes: R$3.40.", "number", "R$ 4,30 -> R$3.40"),
  ("insert", [0, 2], "The line is the first of six that the city plans to electrify.", "addition", "added sentence about six planned lines; not in pt"),
 ],
 "ho-008-b": [
  ("delete", [2, 2], None, "omission", "the mayor's quote deleted"),
  ("replace", [1, 0], "Each bus can travel 250 kilometres on a charge and takes about four hours to recharge at the Casa Amarela depot.", "entity", "garagem de Afogados -> Casa Amarela"),
  ("replace", [3, 1], "Some, however, complained about waits of up to 20 minutes between buses at peak times.", "mistranslation", "'horários de menor movimento' (off-peak) -> 'peak times'"),
 ],
 # third batch: variants of ho-009..012, written after the second round of fixes and
 # before running the tool on them
 "ho-009-a": [
  ("replace", [0, 1], "Another 23 deputies abstained.", "number", "33 abstenções -> 23"),
  ("replace", [2, 1], "The state budget had been passed less than three months ago, Valadares said, and unemployment was at its highest since 2002.", "mistranslation", "'valor mais baixo' (lowest) -> 'highest'"),
  ("delete", [3, 1], None, "omission", "Rita Amaral's quote deleted"),
 ],
 "ho-009-b": [
  ("replace", [1, 1], "The Socialist Party said it had acted over rising rents and longer hospital waiting lists.", "entity", "Bloco (Left Bloc) -> Socialist Party"),
  ("insert", [4, 1], "The motion was the first to be debated under the new parliamentary rules.", "addition", "added sentence about new rules; not in pt"),
  ("replace", [1, 0], "With the two largest parties voting against, the outcome had been previsível desde o início da semana.", "untranslated", "'previsível desde o início da semana' left in Portuguese"),
 ],
 "ho-010-a": [
  ("replace", [2, 0], "Health Minister Sofia Brito visited the hospital on Tuesday and promised to bring in 60 agency doctors.", "number", "40 médicos -> 60"),
  ("replace", [2, 1], "The Portuguese Medical Association says that is enough.", "negation", "'considera a medida insuficiente' -> 'that is enough'"),
  ("replace", [3, 1], "20251107The line answered more than 3 million calls last year.", "artifact", "CMS id glued to the start of the sentence"),
 ],
 "ho-010-b": [
  ("replace", [0, 0], "Patients triaged as urgent waited as long as 14 hours to be seen at the emergency department of Lisbon's São José Hospital overnight on Monday.", "entity", "Hospital de Santa Maria -> São José"),
  ("delete", [3, 0], None, "omission", "unit on the SNS 24 helpline advice deleted"),
  ("replace", [1, 0], "Hospital managers blamed a later-than-usual peak in flu cases and the shortage of family doctors in the region.", "mistranslation", "'mais cedo do que o habitual' (earlier) -> 'later'"),
 ],
 "ho-011-a": [
  ("replace", [0, 1], "The win took them to 55 points, moving them above Flamengo into second place.", "number", "53 -> 55 points"),
  ("replace", [3, 1], "Palmeiras travel to Internacional in Porto Alegre next Saturday.", "entity", "Grêmio -> Internacional"),
 ],
 "ho-011-b": [
  ("replace", [2, 1], "The Bahia coach did not accept that his side had been outplayed in every department.", "negation", "'reconheceu a superioridade' -> 'did not accept'"),
  ("insert", [1, 2], "It was his 15th goal of the season.", "addition", "added sentence about the scorer's tally; not in pt"),
  ("replace", [3, 0], "A crowd of 38,960 produced a maior renda do clube na temporada.", "untranslated", "'a maior renda do clube na temporada' left in Portuguese"),
 ],
 "ho-012-a": [
  ("replace", [2, 0], "Justice Augusto Falcão, who wrote the lead opinion, said more than 11,000 municipalities already had armed guards and that the lack of clear rules had caused legal uncertainty.", "number", "1.100 -> 11,000 municipalities"),
  ("replace", [1, 1], "The majority made clear, however, that they can conduct investigations, which remain the job of the civil and federal police.", "negation", "'não podem fazer investigações' -> 'can conduct'"),
  ("delete", [3, 1], None, "omission", "unit on mayors' associations deleted"),
 ],
 "ho-012-b": [
  ("replace", [2, 1], "Justices Teresa Monteiro, Paulo Veras, Sérgio Lacerda and Augusto Falcão dissented.", "entity", "dissenting Ana Quintão -> Augusto Falcão (the rapporteur)"),
  ("replace", [3, 1], "Mayors' associations criticised the ruling.", "mistranslation", "'comemoraram' (welcomed) -> 'criticised'"),
  ("replace", [0, 1], "The ruling is binding on <em>all courts, so it applies to every case on the issue nationwide.", "artifact", "leftover unclosed tag '<em>'"),
 ],
 # fifth batch: variants of ho-013..016, written after the fourth round of fixes and
 # before running the tool on them
 "ho-013-a": [
  ("replace", [0, 1], "Publishers sold around 2.3 million copies over the ten days, according to the Brazilian Book Chamber, which organises the event.", "number", "2,8 milhões -> 2.3 million"),
  ("replace", [1, 1], "Half of all visitors were over 30, and 30% came from outside the city.", "mistranslation", "'menos de 30 anos' (under 30) -> 'over 30'"),
  ("delete", [2, 0], None, "omission", "unit on best-selling genres deleted"),
 ],
 "ho-013-b": [
  ("replace", [2, 1], "Conceição Lima, the author honoured at this year's fair, spent more than six hours signing books on Saturday.", "entity", "Conceição Lemos -> Conceição Lima"),
  ("insert", [3, 1], "Tickets for the next fair go on sale in March.", "addition", "added sentence about ticket sales; not in pt"),
  ("replace", "caption", "Visitors queue to get into the fair no Distrito Anhembi, last weekend", "untranslated", "'no Distrito Anhembi' left in Portuguese"),
 ],
 "ho-014-a": [
  ("replace", [1, 1], "House prices there have tripled over the past decade, while wages have risen by about a third.", "number", "duplicou (doubled) -> tripled"),
  ("replace", [2, 1], "The plan still needs the approval of the European Council and national governments.", "entity", "Parlamento Europeu -> European Council"),
 ],
 "ho-014-b": [
  ("replace", [3, 0], "Lisbon welcomed the move and said the sum was generous given the country's needs.", "mistranslation", "'o valor é modesto' -> 'generous'"),
  ("insert", [0, 2], "Member states will have until 2027 to spend the money.", "addition", "added sentence about a spending deadline; not in pt"),
  ("replace", [1, 0], "Portugal could receive about €150m, putting it among the five biggest beneficiaries, according to Commission estimates [LINK].", "artifact", "placeholder '[LINK]'"),
 ],
 "ho-015-a": [
  ("replace", [1, 1], "Average earnings rose 3.2% in real terms to R$3,140.", "number", "R$ 3.410 -> R$3,140"),
  ("replace", [2, 1], "Companies were no longer hiring, especially in services, he said, but almost four in ten workers were still in informal jobs.", "negation", "'continuam contratando' -> 'were no longer hiring'"),
 ],
 "ho-015-b": [
  ("replace", [2, 0], "Economist Fábio Nogueira of consultancy LCA said the labour market remained strong despite high interest rates.", "entity", "Tendências -> LCA"),
  ("delete", [0, 1], None, "omission", "unit 'lowest since records began in 2012' deleted"),
  ("replace", [3, 0], "The next figures are due at the fim de outubro.", "untranslated", "'fim de outubro' left in Portuguese"),
 ],
 "ho-016-a": [
  ("replace", [0, 0], "Porto city council on Monday approved a plan to plant 5,000 trees across the city by 2027.", "number", "2029 -> 2027"),
  ("replace", [1, 0], "Half of the new trees will go to the parishes of Campanhã and Paranhos, which have the least tree cover.", "entity", "Ramalde -> Paranhos"),
  ("insert", [3, 1], "The first trees will be planted in November.", "addition", "added sentence about planting starting in November; not in pt"),
 ],
 "ho-016-b": [
  ("replace", [3, 0], "The opposition voted against and criticised delays to an automatic watering system promised two years ago.", "mistranslation", "'votou a favor' -> 'voted against'"),
  ("delete", [1, 1], None, "omission", "unit on two new gardens deleted"),
  ("replace", [2, 0], "Environment councillor Duarte Saraiva said species had been chosen to withstand heat and and drought.", "artifact", "doubled word 'and and'"),
 ],
 # sixth batch: variants of ho-017..020, the final out-of-sample measurement
 "ho-017-a": [
  ("replace", [0, 1], "The Sporting runner clocked 30:48, nineteen seconds inside her previous personal best.", "number", "nove segundos -> nineteen"),
  ("replace", [1, 0], "Femke de Vries of the Netherlands broke clear with two laps to go to take gold, ahead of Ireland's Holly Shaw.", "entity", "britânica -> Ireland's"),
  ("delete", [3, 1], None, "omission", "unit 'the championships end on Sunday' deleted"),
 ],
 "ho-017-b": [
  ("replace", [1, 1], "Gouveia was fifth with 400 metres left but was passed by two rivals in the home straight.", "mistranslation", "'ultrapassou duas adversárias' (passed) -> 'was passed by'"),
  ("insert", [2, 1], "She had finished eighth at the last Olympic Games.", "addition", "added sentence about the Olympics; not in pt"),
 ],
 "ho-018-a": [
  ("replace", [1, 1], "In clinical trials involving 450 patients in three states, 48% were cured.", "number", "84% -> 48%"),
  ("replace", [2, 1], "Most know they are infected.", "negation", "'não sabe' -> 'know'"),
  ("replace", "caption", "The Farmanguinhos laboratory in São Paulo, where the drug will be made", "entity", "caption Rio de Janeiro -> São Paulo"),
 ],
 "ho-018-b": [
  ("replace", [1, 0], "The drug combines two known active ingredients at a higher dose, which means fewer side effects.", "mistranslation", "'dose menor' (lower) -> 'higher'"),
  ("replace", [3, 0], "Fiocruz plans to make 200,000 courses of treatment a year from 2027, to be distribuídos gratuitamente pelo SUS.", "untranslated", "'distribuídos gratuitamente pelo SUS' left in Portuguese"),
  ("delete", [0, 1], None, "omission", "unit 'first treatment developed in Brazil since the 1970s' deleted"),
 ],
 "ho-019-a": [
  ("replace", [0, 0], "Salvador's city council voted 29 to 12 on Wednesday for a bill that will gradually raise property tax on buildings left empty for more than three years.", "number", "cinco anos -> three years"),
  ("replace", [2, 0], "The bill's sponsor, councillor Marcos Teles, said the aim was to raise revenue rather than to bring residents back to the centre.", "mistranslation", "aim inverted: 'não é arrecadar, mas trazer moradores'"),
  ("replace", [2, 1], "Owners who renovate their buildings as housing will get half off the tax for ten years.<br>", "artifact", "leftover tag '<br>'"),
 ],
 "ho-019-b": [
  ("replace", [1, 0], "City hall says about 1,400 properties in Pelourinho are in that situation, most of them 18th- and 19th-century mansions.", "entity", "centro histórico -> Pelourinho"),
  ("insert", [3, 1], "Similar laws have been passed in Recife and Belo Horizonte.", "addition", "added sentence about other cities; not in pt"),
  ("replace", [1, 1], "Many belong to heirs who agree on a sale.", "negation", "'não chegam a um acordo' -> 'agree'"),
 ],
 "ho-020-a": [
  ("replace", [0, 0], "Portugal's Supreme Court of Justice has upheld the 12-year prison sentence given to Nuno Vilaça for murdering a neighbour in Braga in March 2022.", "number", "21 anos -> 12-year"),
  ("replace", [1, 1], "The defence had argued self-defence, a claim already rejected by the Braga court and the Porto appeal court.", "entity", "Relação de Guimarães -> Porto"),
 ],
 "ho-020-b": [
  ("replace", [1, 0], "In the ruling, seen by the Lusa news agency on Tuesday, the judges said the sentence was \"excessive\" given the seriousness of the crime.", "negation", "'não é excessiva' -> 'excessive'"),
  ("delete", [2, 0], None, "omission", "unit on the wall dispute deleted"),
  ("replace", [3, 1], "The ruling can be appealed.", "negation", "'já não cabe recurso' -> 'can be appealed'"),
 ],
 # seventh batch
 "ho-021-a": [
  ("replace", [0, 1], "Petrópolis, the worst-hit city, had 158mm of rain in 24 hours, twice the historical average for the whole of February.", "number", "258 milímetros -> 158mm"),
  ("replace", "caption", "Residents clear mud from a house in Teresópolis's Quitandinha district", "entity", "Petrópolis -> Teresópolis"),
  ("delete", [3, 1], None, "omission", "unit on schools closing deleted"),
 ],
 "ho-021-b": [
  ("replace", [1, 2], "Governor Cláudio Vasques declared a state of emergency and announced R$15m for rebuilding.", "number", "R$ 150 milhões -> R$15m"),
  ("insert", [2, 0], "Rescuers pulled three children alive from the rubble on Thursday night.", "addition", "added sentence about a rescue; not in pt"),
  ("replace", [3, 1], "Classes at municipal schools have been suspensas por tempo indeterminado.", "untranslated", "'suspensas por tempo indeterminado' left in Portuguese"),
 ],
 "ho-022-a": [
  ("replace", [1, 0], "Each train can carry 284 passengers and reach 50mph.", "number", "248 -> 284 passengers"),
  ("replace", [2, 1], "Metro do Porto chairman Henrique Sá Couto admitted the delay would add to the cost.", "negation", "'não vai encarecer' -> 'would add to the cost'"),
 ],
 "ho-022-b": [
  ("replace", [0, 0], "Metro do Porto on Tuesday took delivery of the first two of 18 trains ordered for the new Ruby line, which will link Casa da Música with Santo Ovídio in Matosinhos.", "entity", "Vila Nova de Gaia -> Matosinhos"),
  ("delete", [1, 1], None, "omission", "unit on the line's length, stations and bridge deleted"),
  ("replace", [3, 1], "Test runs begin next month &amp; will at first take place overnight between 1 and 5 a.m.", "artifact", "leftover HTML entity '&amp;'"),
 ],
 "ho-023-a": [
  ("replace", [0, 0], "Flamengo beat Palmeiras 3-1 at the Maracanã on Sunday night in the 30th round of the Brazilian championship to go top on 61 points.", "number", "2 a 1 -> 3-1"),
  ("replace", [1, 0], "Palmeiras went ahead after 12 minutes through Argentine striker Facundo Rivas.", "entity", "uruguaio (Uruguayan) -> Argentine"),
 ],
 "ho-023-b": [
  ("replace", [2, 1], "Palmeiras, who had lost their previous nine games, dropped to third, two points behind.", "negation", "'não perdia havia nove jogos' (unbeaten) -> 'had lost'"),
  ("insert", [3, 0], "Flamengo's coach was sent off in the second half for protesting.", "addition", "added sentence about the coach's red card; not in pt"),
  ("replace", [3, 1], "Next up for Flamengo is a trip to Bahia in Salvador on Saturday, with an 8.30 p.m. kick-off.", "number", "18h30 -> 8.30 p.m."),
 ],
 "ho-024-a": [
  ("replace", [0, 0], "Lumincell, a Coimbra company developing sodium batteries, said on Thursday it had raised €210m in a round led by German fund Nordkapital.", "number", "120 milhões -> €210m"),
  ("replace", [3, 0], "Marta Quintas said sodium batteries last about a third longer than lithium ones and do not rely on raw materials imported from China.", "mistranslation", "'custam um terço menos' (cost a third less) -> 'last a third longer'"),
  ("replace", "standfirst", "A Dutch fund led the round; the company aims to create 600 jobs by 2029", "entity", "alemão (German) -> Dutch"),
 ],
 "ho-024-b": [
  ("delete", [2, 1], None, "omission", "unit on 600 workers by 2029 deleted"),
  ("replace", [3, 1], "\"We want to compete with the Asian giants on price as well as on safety and durability,\" said the 38-year-old chief executive.", "negation", "'não queremos competir no preço' -> 'want to compete on price'"),
  ("replace", [1, 1], "Construction is due to start in early 2026 and a produção at the end of 2027.", "untranslated", "'a produção' left in Portuguese"),
 ],
 # eighth batch
 "ho-025-a": [
  ("replace", [1, 0], "According to the Prosecutor General's Office, the former lawmaker siphoned off R$21.3m in budget amendments meant for hospitals in rural Maranhão.", "number", "R$ 12,3 milhões -> R$21.3m"),
  ("replace", [2, 1], "The four dissenting justices argued there was proof that Peixoto knew about the transfers.", "negation", "'não havia prova' -> 'there was proof'"),
 ],
 "ho-025-b": [
  ("replace", [1, 0], "According to the Prosecutor General's Office, the former lawmaker siphoned off R$12.3m in budget amendments meant for hospitals in rural Piauí.", "entity", "Maranhão -> Piauí"),
  ("delete", [1, 1], None, "omission", "unit on the shell companies deleted"),
  ("insert", [3, 0], "Peixoto was also barred from holding public office for 12 years.", "addition", "added sentence about a ban from office; not in pt"),
 ],
 "ho-026-a": [
  ("replace", [0, 1], "The research followed 18,440 Portuguese people aged over 60 from 2013 to 2023.", "number", "11.840 -> 18,440"),
  ("replace", [1, 1], "Beyond 10,000 steps, the risk rose again.", "mistranslation", "'o benefício adicional foi pequeno' (little extra benefit) -> 'the risk rose again'"),
 ],
 "ho-026-b": [
  ("replace", [3, 1], "The authors stress that the link is proven cause and effect.", "negation", "'não de uma relação de causa e efeito comprovada' -> 'is proven cause and effect'"),
  ("replace", [2, 1], "Some 200,000 people in Portugal are thought to be living with demência, a figure that could double by 2050.", "untranslated", "'demência' left in Portuguese"),
  ("replace", [1, 0], "Participants who took fewer than 3,000 steps a day were twice as likely to develop dementia as those who took 7,000 or more.<br/>", "artifact", "leftover HTML tag '<br/>'"),
 ],
 "ho-027-a": [
  ("replace", [1, 0], "Born in Niterói in 1947, Damasceno took up the guitar at 12 and released his first record in the 1960s.", "number", "1937 -> 1947"),
  ("replace", [0, 0], "Singer-songwriter Jair Damasceno died in the early hours of Tuesday at his home in the north of São Paulo. He was 88.", "entity", "Rio de Janeiro -> São Paulo"),
  ("delete", [3, 1], None, "omission", "unit on his wife, children and grandchildren deleted"),
 ],
 "ho-027-b": [
  ("replace", [2, 1], "He won a Latin Grammy, and in 2019 he received Brazil's Order of Cultural Merit.", "negation", "'Nunca ganhou um Grammy Latino' -> 'He won a Latin Grammy'"),
  ("replace", [3, 0], "His body will lie in state at the Municipal Theatre on Wednesday from 9am to 5pm.", "number", "15h -> 5pm"),
  ("insert", [2, 0], "His 1974 album was voted one of the best Brazilian records of all time.", "addition", "added sentence about a 1974 album; not in pt"),
 ],
 "ho-028-a": [
  ("replace", [1, 1], "Public debt is expected to fall to 81% of GDP, its lowest since 2009.", "number", "91% -> 81%"),
  ("replace", [0, 1], "Chega, the Liberal Initiative, Livre, the Communists and the Greens voted against.", "entity", "Bloco de Esquerda (Left Bloc) -> the Greens"),
 ],
 "ho-028-b": [
  ("replace", [1, 0], "The budget assumes economic growth of 2.1% and a deficit of 0.3% of GDP.", "mistranslation", "'excedente' (surplus) -> 'deficit'"),
  ("replace", [2, 1], "The government says a family com dois filhos earning €2,000 a month will save around €40 a month.", "untranslated", "'com dois filhos' left in Portuguese"),
  ("delete", [3, 1], None, "omission", "unit on the president's 20 days to sign or veto deleted"),
 ],
}


def clean_json(a):
    out = {"id": a["id"], "topic": a["topic"], "pt": dict(a["pt"]), "en": dict(a["en"])}
    out["pt"]["body"] = [[pt for pt, _ in para] for para in a["body"]]
    out["en"]["body"] = [[en for _, en in para] for para in a["body"]]
    return out


def corrupt(clean, vid, edits):
    art = copy.deepcopy(clean)
    art["id"] = vid
    # en body as [(clean_index or None, text)] so gold indices can be resolved afterwards
    body = [[((p, u), t) for u, t in enumerate(para)] for p, para in enumerate(art["en"]["body"])]
    pending = []
    for op, where, text, typ, note in edits:
        g = {"type": typ, "field": "body", "pt_unit": None, "en_unit": None, "note": note}
        if isinstance(where, str):
            assert op == "replace"
            assert art["en"][where] != text
            art["en"][where] = text
            g["field"] = where
            pending.append((g, None))
            continue
        p, u = where
        key = tuple(where)
        if op == "insert":
            pos = next((k for k, (ci, _) in enumerate(body[p]) if ci == key), len(body[p]))
            marker = ("new", vid, len(pending))
            body[p].insert(pos, (marker, text))
            pending.append((g, marker))
            continue
        k = next(k for k, (ci, _) in enumerate(body[p]) if ci == key)
        g["pt_unit"] = [p, u]
        if op == "delete":
            del body[p][k]
            pending.append((g, None))
        else:
            assert body[p][k][1] != text
            body[p][k] = (key, text)
            pending.append((g, key))
    art["en"]["body"] = [[t for _, t in para] for para in body]
    where_now = {ci: [p, k] for p, para in enumerate(body) for k, (ci, _) in enumerate(para)}
    gold = []
    for g, key in pending:
        if key is not None:
            g["en_unit"] = where_now[key]
        gold.append(g)
    art["gold"] = gold
    return art


def main():
    for sub in ("clean", "corrupted"):
        (HERE / sub).mkdir(exist_ok=True)
    by_id = {}
    for a in ARTICLES:
        c = clean_json(a)
        n = sum(len(p) for p in c["pt"]["body"])
        assert 6 <= n <= 10, (a["id"], n)
        by_id[a["id"]] = c
        (HERE / "clean" / f"{a['id']}.json").write_text(
            json.dumps(c, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for vid, edits in VARIANTS.items():
        c = corrupt(by_id[vid[:6]], vid, edits)
        (HERE / "corrupted" / f"{vid}.json").write_text(
            json.dumps(c, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
