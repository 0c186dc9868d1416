import { guessLanguage } from './language';

describe('guessLanguage', () => {
  it('reads English news, short or odd text as English', () => {
    expect(
      guessLanguage(
        'Russian Foreign Minister Sergei Lavrov said on Monday that mercenaries were being sent to Ukraine.',
      ),
    ).toEqual({ language: 'en', english: true });
    expect(guessLanguage('Quiet days. '.repeat(50)).english).toBe(true);
    expect(guessLanguage('Hello there.').english).toBe(true);
  });

  it('recognises other languages and scripts', () => {
    expect(
      guessLanguage(
        'El ministro de Asuntos Exteriores dijo el lunes que los mercenarios de Albania y Kosovo son enviados a Ucrania por la OTAN.',
      ),
    ).toEqual({ language: 'es', english: false });
    expect(
      guessLanguage(
        'Le ministre des Affaires étrangères a déclaré lundi que des mercenaires sont envoyés en Ukraine selon les autorités.',
      ).language,
    ).toBe('fr');
    expect(
      guessLanguage(
        'Министр иностранных дел Сергей Лавров заявил в понедельник, что наемники из Албании отправляются на Украину.',
      ).english,
    ).toBe(false);
  });
});
